import assert from 'node:assert/strict';
import { readConfigFile } from '@clawport/core/node';
import { GatewayClient } from '@clawport/gateway/client';
import { BIN, cleanEnv, runCommand } from '../helpers/cli.js';
import { pathsOf } from '../helpers/instance.js';
import { PORTS } from '../helpers/ports.js';
import { suiteGateway } from '../helpers/suite-gateway.js';

const PORT = PORTS.concurrent;
const CLIENTS = 50;
/** Of the 50 clients, this many also write (config.patch) between health calls. */
const WRITERS = 5;
const CLI_WRITES = 8;

describe('fault: 50 WebSocket clients hammering health while another process runs config set in a loop', function () {
  this.timeout(180_000);
  const live = suiteGateway('busy', PORT);

  it('no failed call, no lost write (CLI and WS writers interleave on one config)', async () => {
    // Connected in waves of 16: the gateway answers HTTP 503 beyond 32 handshakes pending at once (the
    // pre-auth cap of the threat model); once logged in, all 50 hammer at the same time.
    const clients: GatewayClient[] = [];
    for (let i = 0; i < CLIENTS; i += 16) {
      const wave = Array.from({ length: Math.min(16, CLIENTS - i) }, (_, j) =>
        GatewayClient.connect({ url: `ws://127.0.0.1:${PORT}/`, token: live.token, clientId: `hammer-${i + j}`, timeoutMs: 15_000 }),
      );
      clients.push(...(await Promise.all(wave)));
    }
    const failures: string[] = [];
    const acked = new Map<string, number>();
    let calls = 0;
    let done = false;
    const hammering = clients.map(async (c, i) => {
      let n = 0;
      while (!done) {
        try {
          const h = await c.call<{ ok: boolean }>('health', undefined, 15_000);
          if (h.ok !== true) failures.push(`client ${i}: health not ok`);
          calls++;
          if (i < WRITERS && ++n % 10 === 0) {
            const key = `ws_${i}_${n}`;
            await c.call('config.patch', { patch: { agents: { defaults: { [key]: n } } } }, 15_000);
            acked.set(key, n);
          }
        } catch (e) {
          failures.push(`client ${i}: ${(e as Error).message}`);
          return;
        }
      }
    });
    // The second process: a shell loop of real `clawport config set` runs, one after another.
    const loop = `for i in $(seq 1 ${CLI_WRITES}); do '${process.execPath}' '${BIN}' --profile busy config set agents.defaults.cli_$i $i >/dev/null || exit 1; done`;
    const cli = await runCommand('sh', ['-c', loop], cleanEnv(live.home));
    done = true;
    await Promise.all(hammering);
    await Promise.all(clients.map((c) => c.close()));

    assert.equal(cli.code, 0, `config set loop failed: ${cli.stderr}`);
    assert.deepEqual(failures, []);
    assert.ok(calls > CLIENTS * 5, `only ${calls} health calls: the clients did not hammer`);
    assert.ok(acked.size > 0, 'no WS writer got a patch through');
    const { raw } = await readConfigFile(pathsOf(live.home, 'busy').configPath);
    const defaults = (raw.agents as { defaults: Record<string, unknown> }).defaults;
    for (let i = 1; i <= CLI_WRITES; i++) assert.equal(defaults[`cli_${i}`], i, `config set #${i} was lost`);
    for (const [key, n] of acked) assert.equal(defaults[key], n, `config.patch ${key} was lost`);
  });
});
