import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE, RUNTIME_FILE } from '@clawport/core';
import { makeHome, removeHome, startCli } from '../helpers/cli.js';
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

  it('at points spread over start-up (0–1.2 s after spawn): no runtime file, lock or listener left', async () => {
    for (const delay of [0, 60, 150, 300, 500, 800, 1200]) {
      const p = startCli(['--profile', 'sig', 'gateway'], home);
      await new Promise((r) => setTimeout(r, delay));
      await p.stop('SIGTERM');
      await assertNothingLeft(stateDir, `SIGTERM ${delay} ms after spawn\n${p.output()}`);
    }
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
