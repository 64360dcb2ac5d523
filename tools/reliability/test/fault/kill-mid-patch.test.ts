import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { lastGoodPath, readConfigFile } from '@clawport/core/node';
import { GatewayClient } from '@clawport/gateway/client';
import { makeHome, removeHome, type LiveProcess } from '../helpers/cli.js';
import { pathsOf, setupProfile, startGatewayCli } from '../helpers/instance.js';
import { listeningIn } from '../helpers/sockets.js';
import { PORTS } from '../helpers/ports.js';

const PORT = PORTS.killMidPatch;
const ROUNDS = 3;

/** The counter a config holds (agents.defaults.counter), after proving the file parses and validates. */
async function counterIn(path: string): Promise<number> {
  const { raw } = await readConfigFile(path);
  return Number((raw.agents as { defaults?: Record<string, unknown> } | undefined)?.defaults?.counter ?? 0);
}

describe('fault: kill -9 of a gateway in the middle of a config.patch loop', function () {
  this.timeout(120_000);
  let home: string;
  let gw: LiveProcess | undefined;
  before(async () => {
    home = await makeHome();
    await setupProfile(home, 'victim', PORT);
  });
  afterEach(async () => {
    await gw?.stop('SIGKILL');
  });
  after(() => removeHome(home));

  it(`config is the old or the new version, never torn (${ROUNDS} rounds, restart reclaims the lock each time)`, async () => {
    const { configPath, stateDir } = pathsOf(home, 'victim');
    const token = (await readFile(`${stateDir}/credentials/gateway.token`, 'utf8')).trim();
    let acked = await counterIn(configPath);
    for (let round = 0; round < ROUNDS; round++) {
      gw = await startGatewayCli(home, 'victim', PORT);
      const client = await GatewayClient.connect({ url: `ws://127.0.0.1:${PORT}/`, token });
      let inFlight = acked;
      let stop = false;
      const loop = (async () => {
        while (!stop) {
          inFlight = acked + 1;
          try {
            await client.call('config.patch', { patch: { agents: { defaults: { counter: inFlight, pad: 'x'.repeat(2000 + (inFlight % 500)) } } } }, 5000);
          } catch {
            return; // the connection died with the gateway
          }
          acked = inFlight;
        }
      })();
      // Let a few dozen patches land, then kill at a point that varies with the machine's speed.
      const t0 = Date.now();
      while (acked < inFlight - 1 || Date.now() - t0 < 150 + round * 170) await new Promise((r) => setTimeout(r, 5));
      gw.child.kill('SIGKILL');
      await gw.exited;
      stop = true;
      await loop;
      await client.close();

      const now = await counterIn(configPath);
      assert.ok(now === acked || now === inFlight, `round ${round}: config holds counter ${now}; acknowledged ${acked}, in flight ${inFlight}`);
      await readConfigFile(lastGoodPath(configPath)); // last-good must parse too
      acked = now;
      assert.deepEqual(await listeningIn(PORT, PORT + 110), [], 'a killed gateway left a listener');
    }
    assert.ok(acked >= ROUNDS, `only ${acked} patches landed: the loop did not run`);
    // Temp files of an interrupted write may stay behind (kill -9 gives no chance to clean up); they
    // must never be mistaken for the config: they do not end in .json.
    for (const f of await readdir(stateDir)) assert.ok(f === 'openclaw.json' || !f.endsWith('.json') || f === 'gateway.runtime.json', `unexpected ${f}`);
  });
});
