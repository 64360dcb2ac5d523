import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCK_FILE, RUNTIME_FILE } from '@clawport/core';
import { makeHome, ok, removeHome, runCli, startCli, waitFor } from '../helpers/cli.js';
import { pathsOf, setupProfile, startGatewayCli } from '../helpers/instance.js';
import { listeningIn } from '../helpers/sockets.js';
import { PORTS } from '../helpers/ports.js';

const BASE = PORTS.sigterm;
const SPAN = 110;

/** What a gateway stopped during start-up may leave: nothing. */
async function assertNothingLeft(stateDir: string, what: string): Promise<void> {
  assert.equal(existsSync(join(stateDir, LOCK_FILE)), false, `${what}: ${LOCK_FILE} left behind`);
  assert.equal(existsSync(join(stateDir, RUNTIME_FILE)), false, `${what}: ${RUNTIME_FILE} left behind`);
  assert.deepEqual(await listeningIn(BASE, BASE + SPAN), [], `${what}: a listener is left in the footprint`);
}

describe('fault: SIGTERM while a gateway is starting', function () {
  this.timeout(120_000);
  let home: string;
  let stateDir: string;
  before(async () => {
    home = await makeHome();
    await setupProfile(home, 'sig', BASE);
    stateDir = pathsOf(home, 'sig').stateDir;
  });
  after(() => removeHome(home));

  it('a SIGTERM that provably lands before ready (a plugin holds start-up): never ready, undone, everything released, exit 0', async () => {
    // The plugin's start() says it runs (in-start), then waits for the test's release file. The test
    // signals only once in-start exists (lock held, no runtime file: not ready), and releases the
    // plugin only after the gateway acknowledged the signal: so the signal landed before ready.
    const marks = join(home, 'marks');
    await mkdir(marks);
    const plugin = join(home, 'slow-start.mjs');
    await writeFile(
      plugin,
      `import { existsSync, writeFileSync } from 'node:fs';
const at = (f) => ${JSON.stringify(marks)} + '/' + f;
export default { apiVersion: 1, id: 'slow', start: async () => {
  writeFileSync(at('in-start'), String(process.pid));
  while (!existsSync(at('release'))) await new Promise((r) => setTimeout(r, 20));
  return { stop: () => writeFileSync(at('stopped'), '1') };
} };
`,
    );
    ok(await runCli(['--profile', 'sig', 'config', 'set', 'plugins.load', JSON.stringify([plugin])], home), 'load the slow plugin');
    try {
      const p = startCli(['--profile', 'sig', 'gateway'], home);
      await waitFor('the plugin to be in start()', () => existsSync(join(marks, 'in-start')), 30_000, p.output);
      assert.ok(existsSync(join(stateDir, LOCK_FILE)), `lock held while starting:\n${p.output()}`);
      assert.equal(existsSync(join(stateDir, RUNTIME_FILE)), false, 'not ready yet: no runtime file');
      p.child.kill('SIGTERM');
      await waitFor('the gateway to acknowledge the signal', () => /SIGTERM during start-up: gateway sig stops before it is ready/.test(p.output()), 30_000, p.output);
      await writeFile(join(marks, 'release'), '');
      const exit = await p.exited;
      assert.deepEqual(exit, { code: 0, signal: null }, p.output());
      assert.match(p.output(), /gateway sig stopped during start-up \(after the plugins' start\), before it was ready; nothing left running/);
      assert.doesNotMatch(p.output(), /listening on/, 'never announced ready');
      const log = await readFile(join(stateDir, 'logs', 'gateway.log'), 'utf8');
      assert.doesNotMatch(log, /"msg":"gateway ready"/, 'never logged ready');
      assert.match(log, /"msg":"start-up interrupted: undoing it/);
      assert.ok(existsSync(join(marks, 'stopped')), "the plugin's service was stopped");
      await assertNothingLeft(stateDir, `SIGTERM during the plugins' start\n${p.output()}`);
    } finally {
      ok(await runCli(['--profile', 'sig', 'config', 'unset', 'plugins.load'], home), 'unload the slow plugin');
    }
  });

  it('a SIGTERM at spawn, before any handler: nothing left', async () => {
    const p = startCli(['--profile', 'sig', 'gateway'], home);
    await p.stop('SIGTERM');
    await assertNothingLeft(stateDir, `SIGTERM at spawn\n${p.output()}`);
  });

  it('right after the state-dir lock is taken (before the runtime file): lock released, nothing bound', async () => {
    for (let round = 0; round < 3; round++) {
      const p = startCli(['--profile', 'sig', 'gateway'], home);
      const lock = join(stateDir, LOCK_FILE);
      const deadline = Date.now() + 30_000;
      // Tight poll: the window between lock and ready is a few hundred ms at most.
      while (!existsSync(lock) && p.child.exitCode === null && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      assert.ok(existsSync(lock), `the gateway never took its lock:\n${p.output()}`);
      const ready = existsSync(join(stateDir, RUNTIME_FILE));
      const exit = await p.stop('SIGTERM');
      await assertNothingLeft(stateDir, `SIGTERM with the lock held (runtime file yet: ${ready}; exit ${exit.code ?? exit.signal})\n${p.output()}`);
    }
  });

  it('after such stops the next start is clean, and a clean stop exits 0 leaving nothing', async () => {
    const gw = await startGatewayCli(home, 'sig', BASE);
    assert.equal((await gw.stop()).code, 0, gw.output());
    await assertNothingLeft(stateDir, 'after a clean stop');
  });
});
