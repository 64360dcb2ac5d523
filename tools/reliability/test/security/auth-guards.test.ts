import assert from 'node:assert/strict';
import { GatewayCallError, GatewayClient } from '@clawport/gateway/client';
import { httpGet } from '../helpers/instance.js';
import { RawPeer } from '../helpers/raw-ws.js';
import { PORTS } from '../helpers/ports.js';
import { suiteGateway } from '../helpers/suite-gateway.js';

const BASE = PORTS.authGuards;
const URL_ = `ws://127.0.0.1:${BASE}/`;

describe('security: WebSocket and browser control service refuse the unauthenticated and the cross-site', function () {
  this.timeout(120_000);
  const live = suiteGateway('guard', BASE);

  for (const [what, auth] of [
    ['no token', undefined],
    ['an empty token', ''],
    ['a wrong token of the right length', 'x'.repeat(43)],
  ] as const) {
    it(`WS connect with ${what}: UNAUTHORIZED, then close 1008; no RPC is served`, async () => {
      const peer = await RawPeer.open(BASE);
      const res = await peer.handshake(auth);
      assert.equal(res?.ok, false);
      assert.equal(res?.error?.code, 'UNAUTHORIZED');
      assert.equal((await peer.closed).code, 1008);
      await assert.rejects(GatewayClient.connect({ url: URL_, token: auth }), (e: GatewayCallError) => e.code === 'UNAUTHORIZED');
    });
  }

  it('WS request before connect: refused and closed (no method runs unauthenticated)', async () => {
    const peer = await RawPeer.open(BASE);
    await peer.waitFrames(1);
    peer.ws.send(JSON.stringify({ type: 'req', id: 'x', method: 'config.get' }));
    assert.equal((await peer.response('x'))?.ok, false);
    assert.equal((await peer.closed).code, 1008);
  });

  for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'file://', 'http://192.168.1.10:18789']) {
    it(`WS upgrade with Origin ${origin} (valid token): refused with HTTP 403`, async () => {
      await assert.rejects(RawPeer.open(BASE, { origin }), (e: Error & { status?: number }) => e.status === 403);
      await assert.rejects(GatewayClient.connect({ url: URL_, token: live.token, origin }), (e: GatewayCallError) => e.code === 'CONNECT_REFUSED');
    });
  }

  it('WS with a loopback Origin and the token: accepted (the guard is not a blanket refusal)', async () => {
    const c = await GatewayClient.connect({ url: URL_, token: live.token, origin: `http://127.0.0.1:${BASE + 4}` });
    assert.equal((await c.call<{ ok: boolean }>('health')).ok, true);
    await c.close();
  });

  const control = BASE + 2;
  it('browser control service: 401 without or with a wrong Authorization, 200 with the token', async () => {
    for (const headers of <Array<Record<string, string>>>[{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${live.token}` }, { authorization: `Bearer ${live.token.slice(0, -1)}` }]) {
      const r = await httpGet(control, '/status', headers);
      assert.equal(r.status, 401, `${JSON.stringify(headers)} → ${r.status} ${r.body}`);
      assert.ok(!r.body.includes(live.token));
    }
    assert.equal((await httpGet(control, '/status', { authorization: `Bearer ${live.token}` })).status, 200);
  });

  it('browser control service: cross-site mutating requests and foreign Host names get 403, even with the token', async () => {
    const auth = { authorization: `Bearer ${live.token}`, 'content-type': 'application/json' };
    for (const extra of <Array<Record<string, string>>>[{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }, { origin: 'null' }, { host: `evil.example:${control}` }]) {
      const r = await httpGet(control, '/start', { ...auth, ...extra }, 'POST');
      assert.equal(r.status, 403, `${JSON.stringify(extra)} → ${r.status} ${r.body}`);
    }
    // Unauthenticated mutating requests never reach a handler either.
    assert.equal((await httpGet(control, '/start', { 'content-type': 'application/json' }, 'POST')).status, 401);
  });
});
