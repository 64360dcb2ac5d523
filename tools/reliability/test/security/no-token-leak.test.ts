import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayClient } from '@clawport/gateway/client';
import { makeHome, ok, removeHome, runCli, type CliResult } from '../helpers/cli.js';
import { pathsOf, setupProfile, startGatewayCli } from '../helpers/instance.js';
import { RawPeer } from '../helpers/raw-ws.js';
import { PORTS } from '../helpers/ports.js';

const BASE = PORTS.secrets;

/** Every place a secret could leak to: command output (human and --json, success and error), log files, RPC answers. */
describe('security: no token in any log line, status output, --json output or error', function () {
  this.timeout(180_000);
  let home: string;
  const seen: Array<{ where: string; text: string }> = [];
  const record = (where: string, r: CliResult) => seen.push({ where, text: `${r.stdout}\n${r.stderr}` });

  before(async () => {
    home = await makeHome();
  });
  after(() => removeHome(home));

  it('neither the generated token file nor a gateway.auth.token from config shows up anywhere', async () => {
    const fileToken = await setupProfile(home, 'sec', BASE);
    const configToken = randomBytes(24).toString('base64url');
    const cli = async (...args: string[]) => {
      const r = await runCli(['--profile', 'sec', ...args], home);
      record(args.join(' '), r);
      return r;
    };
    record('setup --json', await runCli(['--profile', 'sec', 'setup', '--json'], home));

    // Phase 1: the generated token (credentials/gateway.token) is the gateway's token.
    let gw = await startGatewayCli(home, 'sec', BASE);
    // Read commands only: run them side by side to save wall time.
    await Promise.all(
      [['status'], ['status', '--json'], ['status', '--all'], ['status', '--all', '--json'], ['health'], ['health', '--json'], ['ports', '--json'], ['profiles', 'list', '--json'], ['doctor', '--json'], ['config', 'get'], ['config', 'get', '--json']].map((args) => cli(...args)),
    );
    const client = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token: fileToken });
    for (const method of ['health', 'status', 'config.get', 'instances.list', 'logs.tail']) {
      seen.push({ where: `rpc ${method}`, text: JSON.stringify(await client.call(method)) });
    }
    seen.push({ where: 'hello-ok', text: JSON.stringify(client.hello) });
    // An error quoting input: a patch that fails validation and mentions the token.
    const bad = await client.call('config.patch', { patch: { gateway: { auth: { token: fileToken, nope: fileToken } } } }).then(() => 'accepted', (e: Error) => e.message);
    seen.push({ where: 'config.patch error', text: bad });
    await client.close();
    // Wrong tokens (a prefix of the real one): refused, and the refusal does not echo either.
    const peer = await RawPeer.open(BASE);
    seen.push({ where: 'ws refusal', text: JSON.stringify(await peer.handshake(fileToken.slice(0, 20))) });
    await peer.end();
    assert.equal((await gw.stop()).code, 0);
    seen.push({ where: 'gateway output (phase 1)', text: gw.output() });

    // Phase 2: a token set in config overrides the file; set, read back, run, fail.
    ok(await cli('config', 'set', 'gateway.auth.token', configToken), 'config set token');
    await cli('config', 'get', 'gateway.auth.token');
    await cli('config', 'get', 'gateway', '--json');
    await cli('config', 'set', 'gateway.auth.token', 'short'); // refused: too short
    await cli('config', 'set', 'gateway.auth', `{token: '${configToken}', mode: 'bogus'}`); // refused: bad mode
    await cli('config', 'validate', '--json');
    gw = await startGatewayCli(home, 'sec', BASE);
    await Promise.all([cli('status', '--json'), cli('health', '--json'), cli('status', '--all')]);
    const c2 = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token: configToken });
    seen.push({ where: 'rpc config.get (config token)', text: JSON.stringify(await c2.call('config.get')) });
    await c2.close();
    await RawPeer.open(BASE).then(async (p) => {
      seen.push({ where: 'ws refusal (file token after override)', text: JSON.stringify(await p.handshake(fileToken)) });
      await p.end();
    });
    assert.equal((await gw.stop()).code, 0);
    seen.push({ where: 'gateway output (phase 2)', text: gw.output() });
    await cli('config', 'rollback');

    const logs = join(pathsOf(home, 'sec').stateDir, 'logs');
    const logFiles = await readdir(logs);
    assert.ok(logFiles.length > 0, 'no log files: nothing was checked');
    for (const f of logFiles) seen.push({ where: `log ${f}`, text: await readFile(join(logs, f), 'utf8') });
    const logText = seen.filter((s) => s.where.startsWith('log ')).map((s) => s.text).join('');
    assert.match(logText, /client connected/, 'the logs do not show the connections this test made');

    for (const secret of [fileToken, configToken]) {
      for (const s of seen) assert.ok(!s.text.includes(secret), `token found in ${s.where}:\n${s.text.slice(0, 2000)}`);
      // A prefix long enough to matter must not leak either.
      for (const s of seen) assert.ok(!s.text.includes(secret.slice(0, 16)), `token prefix found in ${s.where}`);
    }
    assert.ok(seen.length > 30, `only ${seen.length} outputs checked`);
  });
});
