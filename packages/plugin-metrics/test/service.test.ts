import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortConflictError, type RunningService } from '@clawport/core';
import metricsPlugin, { PROMETHEUS_CONTENT_TYPE, type MetricsStatus } from '../src/index.js';
import { serviceContext } from './helpers/context.js';
import { hold, release } from './helpers/net.js';

// Fixed ports from this package's range: base 61300, metrics at base+5.
const BASE = 61300;
const URL = `http://127.0.0.1:${BASE + 5}/metrics`;

describe('metrics service (plugin.start with a real ServiceContext)', () => {
  let home: string;
  let running: RunningService | undefined;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'clawport-metrics-'));
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await rm(home, { recursive: true, force: true });
  });

  it('serves the gateway’s live counters as Prometheus text on 127.0.0.1:base+5', async () => {
    const { ctx, gateway, logs } = serviceContext(home, 'main', BASE);
    running = await metricsPlugin.start!(ctx);
    gateway.counters = { ...gateway.counters, connections: 1, connectionsTotal: 4, rpcCalls: { health: 2 }, rpcErrors: 1 };
    const first = await fetch(URL);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), PROMETHEUS_CONTENT_TYPE);
    const text = await first.text();
    for (const line of [
      'openclaw_gateway_info{profile="main"} 1',
      'openclaw_gateway_connections 1',
      'openclaw_gateway_connections_total 4',
      'openclaw_gateway_rpc_calls_total{method="health"} 2',
      'openclaw_gateway_rpc_errors_total 1',
    ]) assert.ok(text.split('\n').includes(line), line);
    assert.match(text, /^openclaw_gateway_uptime_seconds \d+(\.\d+)?$/m);

    gateway.counters.rpcCalls = { health: 3, status: 1 };
    const second = await (await fetch(URL)).text();
    assert.ok(second.includes('openclaw_gateway_rpc_calls_total{method="health"} 3\nopenclaw_gateway_rpc_calls_total{method="status"} 1\n'));
    const status: MetricsStatus = running.status?.() as MetricsStatus;
    assert.deepEqual(status, { url: URL, scrapes: 2 });
    assert.ok(logs.some((l) => l.level === 'info' && l.fields?.url === URL));
    assert.ok(!JSON.stringify(logs).includes(ctx.token), 'the token is never logged');
  });

  const routes: Array<{ method: string; path: string; status: number; body: RegExp }> = [
    { method: 'GET', path: '/', status: 404, body: /metrics are at \/metrics/ },
    { method: 'GET', path: '/metrics/x', status: 404, body: /metrics are at \/metrics/ },
    { method: 'POST', path: '/metrics', status: 405, body: /use GET/ },
    { method: 'HEAD', path: '/metrics', status: 200, body: /^$/ },
    { method: 'GET', path: '/metrics?x=1', status: 200, body: /^# HELP openclaw_gateway_info/ },
  ];
  for (const r of routes) {
    it(`${r.method} ${r.path} → ${r.status}`, async () => {
      running = await metricsPlugin.start!(serviceContext(home, 'main', BASE).ctx);
      const res = await fetch(`http://127.0.0.1:${BASE + 5}${r.path}`, { method: r.method });
      assert.equal(res.status, r.status);
      assert.match(await res.text(), r.body);
    });
  }

  it('honours metrics.port', async () => {
    running = await metricsPlugin.start!(serviceContext(home, 'main', BASE, { metrics: { port: 61390 } }).ctx);
    assert.equal((await fetch('http://127.0.0.1:61390/metrics')).status, 200);
  });

  it('a failing stats() answers 500 and is logged; the service stays up', async () => {
    const { ctx, gateway, logs } = serviceContext(home, 'main', BASE);
    running = await metricsPlugin.start!(ctx);
    gateway.failStats = true;
    assert.equal((await fetch(URL)).status, 500);
    assert.ok(logs.some((l) => l.level === 'error' && l.fields?.error === 'stats unavailable'));
    gateway.failStats = false;
    assert.equal((await fetch(URL)).status, 200);
  });

  it('stop resolves and releases the port while a keep-alive scraper is connected', async () => {
    running = await metricsPlugin.start!(serviceContext(home, 'main', BASE).ctx);
    const res = await fetch(URL, { headers: { connection: 'keep-alive' } });
    await res.text();
    await running.stop();
    running = undefined;
    await release(await hold(BASE + 5));
  });

  it('a taken port fails start with a PortConflictError naming port, role and owner', async () => {
    const squatter = await hold(BASE + 5);
    try {
      await assert.rejects(metricsPlugin.start!(serviceContext(home, 'main', BASE).ctx), (e: unknown) => {
        assert.ok(e instanceof PortConflictError);
        assert.deepEqual([e.port, e.role, e.owner], [BASE + 5, 'metrics', 'metrics']);
        assert.equal(e.toLine(), `metrics 127.0.0.1:${BASE + 5} is in use (free the port or set metrics.port)`);
        return true;
      });
    } finally {
      await release(squatter);
    }
  });
});
