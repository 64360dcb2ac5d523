import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeBlock, makeHome, removeHome, runCli, runJson, startGateway, waitFor, type LiveProcess } from '../../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../../../../tools/fixtures/upstream/', import.meta.url));
/** The fixtures' base port (what upstream's setup was given). */
const UPSTREAM_PORT = 19100;

/**
 * Lays out ~/.openclaw-main as upstream OpenClaw's `setup` leaves it (config 0600 in a 0700 dir,
 * workspace/ and agents/ 0755, state/ 0700), with the fixture's port moved to `base`.
 */
async function upstreamProfile(home: string, fixture: string, base: number): Promise<{ file: string; text: string }> {
  const dir = join(home, '.openclaw-main');
  await mkdir(dir, { mode: 0o700 });
  for (const sub of ['workspace', 'agents/main/agent']) await mkdir(join(dir, sub), { recursive: true, mode: 0o755 });
  await mkdir(join(dir, 'state'), { mode: 0o700 });
  const text = (await readFile(join(FIXTURES, fixture), 'utf8')).replaceAll('__HOME__', home).replace(String(UPSTREAM_PORT), String(base));
  const file = join(dir, 'openclaw.json');
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
  return { file, text };
}

for (const fixture of ['setup-2026.9.6.json', 'hand-edited.json5']) {
  describe(`upstream OpenClaw config (${fixture}) in Clawport's commands`, function () {
    this.timeout(60_000);
    let home: string;
    let base: number;
    let file: string;
    let text: string;
    let gw: LiveProcess | undefined;
    before(async () => {
      home = await makeHome();
      base = await freeBlock(111);
      ({ file, text } = await upstreamProfile(home, fixture, base));
    });
    after(async () => {
      await gw?.stop();
      await removeHome(home);
    });

    it('config validate, status, ports and doctor load it: no finding about its keys', async () => {
      assert.equal((await runCli(['--profile', 'main', 'config', 'validate'], home)).code, 0);
      const status = await runJson<{ base: number }>(['--profile', 'main', 'status'], home);
      assert.equal(status.run.code, 0, status.run.stderr);
      assert.equal(status.result.base, base, status.run.stdout);
      const ports = await runCli(['--profile', 'main', 'ports'], home);
      assert.equal(ports.code, 0, ports.stderr);
      const doctor = await runJson<{ findings: Array<{ check: string; message: string }> }>(['doctor'], home);
      assert.deepEqual(doctor.result.findings.filter((f) => f.check.startsWith('config')), [], doctor.run.stdout);
      assert.equal(await readFile(file, 'utf8'), text, 'reading never writes');
    });

    it('config get shows upstream keys and redacts upstream secrets', async () => {
      const mode = await runCli(['--profile', 'main', 'config', 'get', 'gateway.mode'], home);
      assert.equal(mode.stdout.trim(), 'local', mode.stderr);
      const all = await runCli(['--profile', 'main', 'config', 'get'], home);
      assert.equal(all.code, 0, all.stderr);
      assert.ok(!all.stdout.includes('f45e864de72e'), 'gateway token redacted');
      assert.ok(!all.stdout.includes('ABC-DEF1234'), 'channel bot token redacted');
    });

    it('config set and unset rewrite only the edited key: every other byte is kept', async () => {
      const set = await runCli(['--profile', 'main', 'config', 'set', 'gateway.handshakeTimeoutMs', '5000'], home);
      assert.equal(set.code, 0, set.stderr);
      const afterSet = await readFile(file, 'utf8');
      const unset = await runCli(['--profile', 'main', 'config', 'unset', 'gateway.handshakeTimeoutMs'], home);
      assert.equal(unset.code, 0, unset.stderr);
      assert.equal(await readFile(file, 'utf8'), text, 'set then unset restores the file byte-for-byte');
      assert.ok(afterSet.length > text.length && afterSet.includes('5000'), afterSet);
      const port = await runCli(['--profile', 'main', 'config', 'set', 'gateway.port', String(base + 1000)], home);
      assert.equal(port.code, 0, port.stderr);
      assert.equal(await readFile(file, 'utf8'), text.replace(String(base), String(base + 1000)));
      assert.equal((await runCli(['--profile', 'main', 'config', 'set', 'gateway.port', String(base)], home)).code, 0);
      assert.equal(await readFile(file, 'utf8'), text);
    });

    it('the built-in gateway starts on it, healthy, and leaves the config as it was', async () => {
      gw = await startGateway(['--profile', 'main', 'gateway'], home, join(home, '.openclaw-main'));
      await waitFor('health', async () => (await runCli(['--profile', 'main', 'health'], home)).code === 0, 20_000, gw.output);
      await gw.stop();
      gw = undefined;
      assert.equal(await readFile(file, 'utf8'), text);
    });
  });
}
