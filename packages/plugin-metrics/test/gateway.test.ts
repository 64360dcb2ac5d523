import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readToken } from '@clawport/core/node';
import { GatewayClient, GatewayCallError } from '@clawport/gateway/client';
import type { RunningGateway } from '@clawport/gateway';
import { startWithPlugins, tempHome } from './helpers/gateway.js';
import { hold, release } from './helpers/net.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const sample = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));

describe('metrics plugin in a real gateway (plugins.load)', () => {
  let env: Awaited<ReturnType<typeof tempHome>>;
  let gateway: RunningGateway | undefined;
  beforeEach(async () => {
    env = await tempHome();
  });
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
    await env.cleanup();
  });

  it('loads by package name, claims base+5 and serves the gateway’s own counters', async () => {
    const base = 61500;
    gateway = await startWithPlugins(env.home, 'metrics', { gateway: { port: base }, plugins: { load: ['@clawport/plugin-metrics'] } });
    const metrics = gateway.runtime.ports.find((p) => p.owner === 'metrics');
    assert.deepEqual(metrics, { id: 'metrics', role: 'metrics', owner: 'metrics', start: base + 5, end: base + 5, host: '127.0.0.1', bind: 'loopback' });
    assert.equal(gateway.runtime.pluginErrors, undefined);

    const token = await readToken(gateway.runtime.stateDir);
    const client = await GatewayClient.connect({ url: `ws://127.0.0.1:${base}/`, token });
    try {
      await client.call('health');
      await client.call('health');
      await assert.rejects(client.call('no.such.method'), (e: unknown) => e instanceof GatewayCallError && e.code === 'METHOD_NOT_FOUND');
      const text = await (await fetch(`http://127.0.0.1:${base + 5}/metrics`)).text();
      assert.equal(sample(text, 'openclaw_gateway_info'), 'openclaw_gateway_info{profile="metrics"} 1');
      assert.equal(sample(text, 'openclaw_gateway_connections'), 'openclaw_gateway_connections 1');
      assert.equal(sample(text, 'openclaw_gateway_connections_total'), 'openclaw_gateway_connections_total 1');
      assert.equal(sample(text, 'openclaw_gateway_rpc_calls_total{method="health"}'), 'openclaw_gateway_rpc_calls_total{method="health"} 2');
      assert.equal(sample(text, 'openclaw_gateway_rpc_errors_total'), 'openclaw_gateway_rpc_errors_total 1');
    } finally {
      await client.close();
    }
    await gateway.stop();
    gateway = undefined;
    await release(await hold(base + 5)); // stop released the metrics port
  });

  it('bad plugins are named and skipped; the gateway, canvas and metrics keep running', async () => {
    const base = 61700;
    const load = ['./wrong-api-version.js', './throws-in-start.js', './port-out-of-range.js', '@clawport/plugin-metrics'].map((s) =>
      s.startsWith('./') ? join(fixtures, s) : s,
    );
    gateway = await startWithPlugins(env.home, 'bad', { gateway: { port: base }, plugins: { load } });
    const errors = gateway.runtime.pluginErrors ?? [];
    assert.deepEqual(errors.map((e) => e.id).sort(), ['fixture-future', 'fixture-range', 'fixture-throws']);
    const line = (id: string) => errors.find((e) => e.id === id)!.message;
    // The id is its own field; the message is the reason (with or without a `plugin <id>:` prefix).
    assert.match(line('fixture-future'), /built for plugin API v999, this Clawport speaks v1/);
    assert.match(line('fixture-range'), /far service 70000 is outside 1024–65535/);
    assert.match(line('fixture-throws'), /fixture exploded on purpose/);

    const owners = [...new Set(gateway.runtime.ports.map((p) => p.owner))].sort();
    assert.deepEqual(owners, ['canvas', 'core', 'metrics']);
    assert.equal((await fetch(`http://127.0.0.1:${base}/healthz`)).status, 200);
    assert.equal((await fetch(`http://127.0.0.1:${base + 4}/`)).status, 200, 'canvas still serves');
    assert.equal((await fetch(`http://127.0.0.1:${base + 5}/metrics`)).status, 200, 'metrics still serves');
    await release(await hold(base + 6)); // the plugin that threw in start left its port free
  });
});
