import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openclaw, openclawOk, spawnGateway, stopGateway } from './helpers/cli.js';
import { hold, release } from './helpers/net.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const sample = (text: string, prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));

describe('clawport gateway with the metrics plugin (real CLI, real process)', function () {
  this.timeout(90_000); // spawns the real CLI several times per test
  let home: string;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'clawport-metrics-gwcli-'));
  });
  afterEach(async () => {
    if (child) await stopGateway(child);
    child = undefined;
    await rm(home, { recursive: true, force: true });
  });

  it('serves metrics on base+5 that count the CLI’s own health call, and releases the port on SIGTERM', async () => {
    await openclawOk(home, '--profile', 'metered', 'setup', '--port', '61800');
    await openclawOk(home, '--profile', 'metered', 'config', 'set', 'plugins.load', '["@clawport/plugin-metrics"]');
    const gw = await spawnGateway(home, '--profile', 'metered');
    child = gw.child;
    assert.match(gw.output(), /metrics 61805/);
    await openclawOk(home, '--profile', 'metered', 'health');
    const text = await (await fetch('http://127.0.0.1:61805/metrics')).text();
    assert.equal(sample(text, 'openclaw_gateway_info'), 'openclaw_gateway_info{profile="metered"} 1');
    assert.equal(sample(text, 'openclaw_gateway_rpc_calls_total{method="health"}'), 'openclaw_gateway_rpc_calls_total{method="health"} 1');
    assert.equal(sample(text, 'openclaw_gateway_connections_total'), 'openclaw_gateway_connections_total 1');
    assert.equal(await stopGateway(child), 0);
    child = undefined;
    await release(await hold(61805));
  });

  it('names every bad plugin and keeps the gateway, canvas and metrics running', async () => {
    await openclawOk(home, '--profile', 'mixed', 'setup', '--port', '61600');
    const load = ['wrong-api-version.js', 'throws-in-start.js', 'port-out-of-range.js'].map((f) => join(fixtures, f));
    // Written in one go: each fixture alone is a valid plugins.load entry as far as the schema knows.
    await openclawOk(home, '--profile', 'mixed', 'config', 'set', 'plugins.load', JSON.stringify([...load, '@clawport/plugin-metrics']));
    const gw = await spawnGateway(home, '--profile', 'mixed');
    child = gw.child;
    // Each bad plugin gets its own line naming it (a gateway that never prints one fails by timeout).
    await gw.waitFor(/plugin fixture-future.*built for plugin API v999/);
    await gw.waitFor(/plugin fixture-range.*70000.*outside 1024–65535/);
    await gw.waitFor(/plugin fixture-throws.*fixture exploded on purpose/);
    assert.equal((await fetch('http://127.0.0.1:61600/healthz')).status, 200);
    assert.equal((await fetch('http://127.0.0.1:61604/')).status, 200, 'canvas still serves');
    assert.equal((await fetch('http://127.0.0.1:61605/metrics')).status, 200, 'metrics still serves');
    await release(await hold(61606)); // the plugin that threw in start holds nothing
  });

  it('an explicit metrics.port held by another process: the refusal names the key to change, not "move this instance"', async () => {
    await openclawOk(home, '--profile', 'pinned', 'setup', '--port', '61700');
    await openclawOk(home, '--profile', 'pinned', 'config', 'set', 'plugins.load', '["@clawport/plugin-metrics"]');
    await openclawOk(home, '--profile', 'pinned', 'config', 'set', 'metrics.port', '61690');
    const squatter = await hold(61690);
    try {
      const r = await openclaw(home, '--profile', 'pinned', 'gateway');
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /^error: cannot start gateway pinned: port 61690 \(metrics, metrics\.port\) is in use by pid \d+ .*\(free the port, or set metrics\.port to a free port: clawport --profile pinned config set metrics\.port N\)\n$/);
    } finally {
      await release(squatter);
    }
  });
});
