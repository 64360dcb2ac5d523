import assert from 'node:assert/strict';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeBlock, makeHome, removeHome, runCli, runJson, startCli, waitFor } from '../helpers/cli.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-openclaw.mjs', import.meta.url));

/** Files under dir (recursively) whose text contains needle; a missing dir has none. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, e.name);
    if (e.isDirectory()) found.push(...(await filesContaining(path, needle)));
    else if (e.isFile() && (await readFile(path, 'utf8')).includes(needle)) found.push(path);
  }
  return found;
}

interface StatusJson {
  engine: string;
  running: boolean;
  pid?: number;
  enginePid?: number;
  version?: string;
  health: { ok: boolean; status: string; error?: string; engine?: { state: string; holder?: { pid?: number; command?: string } } } | null;
}

/**
 * The openclaw engine with a stand-in for upstream (fixtures/fake-openclaw.mjs): choosing it, the
 * Node requirement, the start plan as upstream receives it, readiness, runtime file, signals, and the
 * probe's states that need no real upstream (stopped, port held). The real package: tools/upstream.
 */
describe('gateway engine openclaw (stand-in upstream)', function () {
  this.timeout(60_000);
  let home: string;
  let bin: string;
  let env: Record<string, string>;
  let base: number;

  before(async () => {
    home = await makeHome();
    base = await freeBlock(111);
    // `openclaw` on PATH is the stand-in; `node` on PATH reports a version (24.21.0 or 20.20.2 by
    // FAKE_NODE_VERSION) and runs this Node: the version check reads `node --version` of PATH's node.
    bin = join(home, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'node'), `#!/bin/sh\nif [ "$1" = --version ]; then echo "\${FAKE_NODE_VERSION:-v24.21.0}"; exit 0; fi\nexec "${process.execPath}" "$@"\n`);
    await chmod(join(bin, 'node'), 0o755);
    env = { PATH: `${bin}:${process.env.PATH}` };
    const setup = await runCli(['--profile', 'main', 'setup', '--port', String(base)], home, env);
    assert.equal(setup.code, 0, setup.stderr);
  });
  after(() => removeHome(home));

  it('defaults to the built-in engine; choosing openclaw without an openclaw command is one line, exit 2, nothing written', async () => {
    const { result } = await runJson<{ engine: string }>(['--profile', 'main', 'gateway', 'engine'], home, env);
    assert.equal(result.engine, 'clawport');
    const r = await runCli(['--profile', 'main', 'gateway', 'engine', 'openclaw'], home, env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot use the openclaw engine for main: no openclaw command on PATH/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    await assert.rejects(stat(join(home, '.openclaw-main', 'clawport.json')));
  });

  it('an openclaw under a Node older than 24.16 is refused naming the Node and its version', async () => {
    const r = await runCli(['--profile', 'main', 'gateway', 'engine', 'openclaw', '--command', FAKE], home, { ...env, FAKE_NODE_VERSION: 'v20.20.2' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /needs Node >=24\.16 <25 \|\| >=26\.1, but .*node is v20\.20\.2/);
    await assert.rejects(stat(join(home, '.openclaw-main', 'clawport.json')));
  });

  it('chosen with --command: kept in clawport.json (0600), not in openclaw.json', async () => {
    const before = await readFile(join(home, '.openclaw-main', 'openclaw.json'), 'utf8');
    const r = await runCli(['--profile', 'main', 'gateway', 'engine', 'openclaw', '--command', FAKE], home, env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /main: engine openclaw/);
    assert.equal(await readFile(join(home, '.openclaw-main', 'openclaw.json'), 'utf8'), before);
    // The Node that passed the check is pinned too: a launch from another PATH (the editor's) runs upstream under it.
    assert.deepEqual(JSON.parse(await readFile(join(home, '.openclaw-main', 'clawport.json'), 'utf8')), { engine: 'openclaw', openclawCommand: FAKE, openclawNode: join(bin, 'node') });
    assert.equal((await stat(join(home, '.openclaw-main', 'clawport.json'))).mode & 0o777, 0o600);
  });

  it('status: stopped when nothing listens; a foreign listener on the base port is "port held" with its pid', async () => {
    const stopped = (await runJson<StatusJson>(['--profile', 'main', 'status'], home, env)).result;
    assert.equal(stopped.engine, 'openclaw');
    assert.equal(stopped.running, false);
    const server: Server = createServer((_q, s) => s.writeHead(404).end());
    await new Promise<void>((r) => server.listen(base, '127.0.0.1', () => r()));
    try {
      const held = (await runJson<StatusJson>(['--profile', 'main', 'status'], home, env)).result;
      assert.equal(held.running, false);
      assert.equal(held.health?.engine?.state, 'port-held');
      assert.equal(held.health?.engine?.holder?.pid, process.pid);
      // Named by pid and command (this test's own process holds the port).
      const comm = (await readFile(`/proc/${process.pid}/comm`, 'utf8')).trim();
      assert.equal(held.health?.engine?.holder?.command, `pid ${process.pid} (${comm})`);
      const text = await runCli(['--profile', 'main', 'status'], home, env);
      assert.match(text.stdout, /stopped, port held by another process/);
      assert.ok(text.stdout.includes(`port ${base} is held by pid ${process.pid} (${comm}), not an OpenClaw gateway`), text.stdout);
      // The gateway refuses to start on a held footprint, naming the holder, before upstream runs.
      const start = await runCli(['--profile', 'main', 'gateway'], home, env);
      assert.equal(start.code, 1);
      assert.match(start.stderr, new RegExp(`port ${base} \\(gateway\\) is in use by pid ${process.pid}`));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('launched from a PATH whose node is too old (an editor’s), upstream runs under the Node pinned when the engine was chosen', async () => {
    const old = join(home, 'old-node');
    await mkdir(old, { recursive: true });
    await writeFile(join(old, 'node'), '#!/bin/sh\necho v20.20.2\n');
    await chmod(join(old, 'node'), 0o755);
    const gw = startCli(['--profile', 'main', 'gateway'], home, { ...env, PATH: `${old}:${process.env.PATH}` });
    try {
      await waitFor('the ready line', () => /\) ready on ws:/.test(gw.output()), 30_000, gw.output);
      const rt = JSON.parse(await readFile(join(home, '.openclaw-main', 'gateway.runtime.json'), 'utf8')) as { enginePid: number };
      const argv = (await readFile(`/proc/${rt.enginePid}/cmdline`, 'utf8')).split('\0');
      assert.equal(argv[1], FAKE, argv.join(' '));
    } finally {
      await gw.stop('SIGTERM');
    }
  });

  it('gateway runs upstream with port, loopback, token and the profile env; waits for /readyz; SIGTERM stops both', async () => {
    const record = join(home, 'record.json');
    const gw = startCli(['--profile', 'main', 'gateway'], home, { ...env, FAKE_OPENCLAW_RECORD: record, OPENCLAW_STATE_DIR: '/somewhere/else' });
    const runtimeFile = join(home, '.openclaw-main', 'gateway.runtime.json');
    try {
      // The ready line follows the runtime file: wait for the line, then both are there.
      await waitFor('the ready line', () => /\) ready on ws:/.test(gw.output()), 30_000, gw.output);
      const rt = JSON.parse(await readFile(runtimeFile, 'utf8')) as { pid: number; engine: string; enginePid: number; base: number; ports: Array<{ start: number; end: number }> };
      const seen = JSON.parse(await readFile(record, 'utf8')) as { argv: string[]; env: Record<string, string>; pid: number };
      const token = (await readFile(join(home, '.openclaw-main', 'credentials', 'gateway.token'), 'utf8')).trim();
      assert.deepEqual(seen.argv, ['--profile', 'main', 'gateway', '--port', String(base), '--bind', 'loopback', '--token', token, '--allow-unconfigured']);
      assert.equal(seen.env.OPENCLAW_STATE_DIR, join(home, '.openclaw-main'));
      assert.equal(seen.env.OPENCLAW_CONFIG_PATH, join(home, '.openclaw-main', 'openclaw.json'));
      assert.equal(rt.engine, 'openclaw');
      assert.equal(rt.pid, gw.child.pid);
      assert.equal(rt.enginePid, seen.pid);
      assert.deepEqual([rt.ports[0].start, rt.ports.at(-1)!.end], [base, base + 110]);
      assert.match(gw.output(), new RegExp(`starting openclaw gateway main \\(pid ${seen.pid}\\) on ws://127\\.0\\.0\\.1:${base}/`));
      assert.match(gw.output(), /gateway main \(openclaw .*\) ready on/);
      assert.ok(!gw.output().includes(token), 'the token is never printed');
      assert.deepEqual(await filesContaining(join(home, '.openclaw-main', 'logs'), token), [], 'nor logged');
      const status = (await runJson<StatusJson>(['--profile', 'main', 'status'], home, env)).result;
      assert.equal(status.running, true);
      assert.equal(status.enginePid, seen.pid);
      assert.equal(await gw.stop('SIGTERM'), 0);
      await assert.rejects(stat(runtimeFile));
      assert.throws(() => process.kill(seen.pid, 0));
    } finally {
      await gw.stop('SIGTERM'); // a failed assertion must not leave the gateway running
    }
  });

  it('upstream exiting before ready (exit 78): the gateway exits 78 and leaves no runtime file or lock', async () => {
    const r = await runCli(['--profile', 'main', 'gateway'], home, { ...env, FAKE_OPENCLAW_EXIT: '78' });
    assert.equal(r.code, 78, r.stdout + r.stderr);
    assert.match(r.stderr, /openclaw gateway main exited with code 78/);
    await assert.rejects(stat(join(home, '.openclaw-main', 'gateway.runtime.json')));
    await assert.rejects(stat(join(home, '.openclaw-main', 'gateway.lock')));
  });

  it('a service of an openclaw-engine profile finds the openclaw and Node 24 its installer found (service PATH is minimal)', async () => {
    // Regression: the service ran with PATH=<node dir>:/usr/local/bin:/usr/bin:/bin and without the
    // installing shell's CLAWPORT_OPENCLAW_COMMAND, so it restarted forever on "no openclaw command on PATH".
    // Outside main's footprint: setup refuses a base whose footprint overlaps another instance's, running or not.
    let port = await freeBlock(111);
    while (Math.abs(port - base) <= 120) port = await freeBlock(111);
    const found = { ...env, CLAWPORT_OPENCLAW_COMMAND: FAKE };
    assert.equal((await runCli(['--profile', 'svc', 'setup', '--port', String(port)], home, found)).code, 0);
    assert.equal((await runCli(['--profile', 'svc', 'gateway', 'engine', 'openclaw'], home, found)).code, 0);
    const unit = await runCli(['--profile', 'svc', 'gateway', 'install', '--backend', 'systemd', '--dry-run'], home, found);
    assert.equal(unit.code, 0, unit.stderr);
    assert.match(unit.stdout, new RegExp(`^Environment="?CLAWPORT_OPENCLAW_COMMAND=${FAKE}"?$`, 'm'));
    assert.match(unit.stdout, new RegExp(`^Environment="?PATH=${bin}:`, 'm'));
    // The built-in supervisor starts it for real: upstream (the stand-in) answers on the profile's port.
    assert.equal((await runCli(['--profile', 'svc', 'gateway', 'install', '--backend', 'supervisor'], home, found)).code, 0);
    try {
      const start = await runCli(['--profile', 'svc', 'gateway', 'start'], home, found);
      assert.equal(start.code, 0, start.stdout + start.stderr);
      // The supervisor runs it in the background: its runtime file appears once upstream (the stand-in) is ready.
      const status = await waitFor('svc running under its supervisor', async () => {
        const r = (await runJson<StatusJson>(['--profile', 'svc', 'status'], home, env)).result;
        return r.running ? r : undefined;
      }, 60_000);
      assert.equal(status.running, true);
      assert.equal(status.engine, 'openclaw');
      // The token reaches upstream on its command line, never the service's logs.
      const token = (await readFile(join(home, '.openclaw-svc', 'credentials', 'gateway.token'), 'utf8')).trim();
      const logs = join(home, '.openclaw-svc', 'logs');
      assert.ok((await readdir(logs)).length > 0, 'the supervisor wrote its logs');
      assert.deepEqual(await filesContaining(logs, token), []);
    } finally {
      await runCli(['--profile', 'svc', 'gateway', 'stop'], home, env);
      await runCli(['--profile', 'svc', 'gateway', 'uninstall'], home, env);
    }
  });

  it('gateway url: the URL only; the token only with --show-token', async () => {
    const plain = await runCli(['--profile', 'main', 'gateway', 'url'], home, env);
    assert.equal(plain.stdout, `ws://127.0.0.1:${base}/\n`);
    const token = (await readFile(join(home, '.openclaw-main', 'credentials', 'gateway.token'), 'utf8')).trim();
    const shown = await runJson<{ url: string; token: string }>(['--profile', 'main', 'gateway', 'url', '--show-token'], home, env);
    assert.equal(shown.result.token, token);
    assert.equal(shown.run.stdout.split('\n').filter((l) => l.includes(token)).length, 1, 'in the JSON result once');
    const json = await runJson<Record<string, unknown>>(['--profile', 'main', 'gateway', 'url'], home, env);
    assert.deepEqual(json.result, { name: 'main', url: `ws://127.0.0.1:${base}/` });
    assert.ok(!json.run.stdout.includes(token) && !json.run.stderr.includes(token));
  });
});
