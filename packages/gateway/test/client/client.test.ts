import assert from 'node:assert/strict';
import { GatewayCallError, GatewayClient, probeGateway } from '../../src/client/index.js';
import type { RunningGateway } from '../../src/index.js';
import { gatewayOptions, setupProfile, started, tempHome } from '../helpers.js';

const BASE = 22200;

describe('GatewayClient and probeGateway', () => {
  let env: Awaited<ReturnType<typeof tempHome>>;
  let token: string;
  const running: RunningGateway[] = [];
  before(async () => {
    env = await tempHome();
    const p = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    token = p.token;
    await started(running, gatewayOptions(p));
  });
  after(async () => {
    while (running.length) await running.pop()!.stop();
    await env.cleanup();
  });

  it('connects, calls, receives events, and maps error answers to GatewayCallError', async () => {
    const c = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token });
    assert.equal(c.hello.protocol, 4);
    const changed = new Promise((r) => c.on('config.changed', r));
    await c.call('config.patch', { patch: { agents: { defaults: { workspace: '~/ws-main' } } } });
    assert.equal(((await changed) as { instance: string }).instance, 'main');
    await assert.rejects(c.call('nope'), (e: unknown) => e instanceof GatewayCallError && e.code === 'METHOD_NOT_FOUND');
    // still usable after an error
    assert.equal((await c.call<{ ok: boolean }>('health')).ok, true);
    const closed = new Promise((r) => c.on('close', r));
    await c.close();
    assert.equal(((await closed) as { code: number }).code, 1000);
    await assert.rejects(c.call('health'), (e: unknown) => e instanceof GatewayCallError && e.code === 'CLOSED');
  });

  it('many calls in flight on one connection each get their own answer', async () => {
    const c = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token });
    const answers = await Promise.all(Array.from({ length: 200 }, () => c.call<{ base: number }>('health')));
    assert.ok(answers.every((a) => a.base === BASE));
    await c.close();
  });

  it('20 concurrent config.patch calls on different keys all land', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token })));
    await Promise.all(Array.from({ length: 20 }, (_, i) => clients[i % 4].call('config.patch', { patch: { [`k${i}`]: i } })));
    const got = await clients[0].call<{ config: Record<string, unknown> }>('config.get');
    for (let i = 0; i < 20; i++) assert.equal(got.config[`k${i}`], i);
    await Promise.all(clients.map((c) => c.close()));
  });

  const refusals = [
    { name: 'bad token', o: { token: 'wrong-token-value' }, code: 'UNAUTHORIZED' },
    { name: 'cross-site origin', o: { token: 'x', origin: 'https://evil.example' }, code: 'CONNECT_REFUSED' },
  ];
  for (const r of refusals) {
    it(`connect is refused with ${r.name}`, async () => {
      await assert.rejects(GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, ...r.o }), (e: unknown) => e instanceof GatewayCallError && e.code === r.code);
    });
  }

  it('probeGateway: healthy with a token (WS) and without (HTTP /readyz); unhealthy on a dead port', async () => {
    const ws = await probeGateway({ port: BASE, token });
    assert.equal(ws.healthy, true);
    assert.equal((ws.health as { base: number }).base, BASE);
    assert.ok(typeof ws.latencyMs === 'number');
    const http = await probeGateway({ port: BASE });
    assert.deepEqual([http.healthy, http.health], [true, { ok: true, status: 'ready' }]);
    const bad = await probeGateway({ port: BASE, token: 'wrong-token-value' });
    assert.equal(bad.healthy, false);
    assert.match(bad.error!, /invalid or missing token/);
    const dead = await probeGateway({ port: BASE + 700, timeoutMs: 500 });
    assert.equal(dead.healthy, false);
    assert.match(dead.error!, /ECONNREFUSED/);
  });
});
