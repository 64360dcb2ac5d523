import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { deviceAuthPayloadV3 } from '@clawport/core';
import { loadDeviceIdentity } from '@clawport/core/node';
import { probeOpenclaw } from '../../src/client/openclaw-probe.js';

type Answer = (params: { auth?: { token?: string }; device?: { id: string; publicKey: string; signature: string; signedAt: number; nonce: string }; scopes: string[]; client: { id: string; mode: string; platform: string } }, nonce: string) => object;

/**
 * A server speaking upstream's side of the v4 handshake on a real port (challenge first, then one
 * answer to `connect`), so each probe state is produced on purpose. The real gateway: the upstream tier.
 */
async function upstreamLike(answer: Answer, readyStatus = 200): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/readyz') return res.writeHead(readyStatus).end('{}');
    if (req.url === '/healthz') return res.writeHead(200).end('{"ok":true,"status":"live"}');
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    const nonce = 'n-' + Math.random().toString(36).slice(2);
    ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce, ts: Date.now() } }));
    ws.on('message', (d: Buffer) => {
      const f = JSON.parse(d.toString()) as { id: string; params: Parameters<Answer>[0] };
      ws.send(JSON.stringify({ type: 'res', id: f.id, ...answer(f.params, nonce) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => { wss.close(); server.close(() => r()); }) };
}

const TOKEN = 't'.repeat(48);
const hello = (scopes: string[]) => ({ ok: true, payload: { protocol: 4, server: { version: '2026.9.6' }, snapshot: { uptimeMs: 4242 }, auth: { role: 'operator', scopes } } });

describe('client/openclaw-probe: honest states', () => {
  let stateDir: string;
  before(async () => (stateDir = join(await mkdtemp(join(tmpdir(), 'probe-')), 'main')));

  it('live: the signed device payload verifies against the public key sent, the nonce is the challenge nonce', async () => {
    const identity = await loadDeviceIdentity(stateDir);
    let verified = false;
    const s = await upstreamLike((p, nonce) => {
      const d = p.device!;
      const payload = deviceAuthPayloadV3({ deviceId: d.id, clientId: p.client.id, clientMode: p.client.mode, role: 'operator', scopes: p.scopes, signedAtMs: d.signedAt, token: p.auth?.token, nonce, platform: p.client.platform });
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: d.publicKey }, format: 'jwk' });
      verified = d.nonce === nonce && verify(null, Buffer.from(payload), key, Buffer.from(d.signature, 'base64url'));
      return p.auth?.token === TOKEN && verified ? hello(['operator.read']) : { ok: false, error: { code: 'INVALID_REQUEST', details: { code: 'DEVICE_AUTH_SIGNATURE_INVALID' } } };
    });
    try {
      const r = await probeOpenclaw({ port: s.port, token: TOKEN, identity });
      assert.ok(verified);
      assert.deepEqual([r.state, r.version, r.uptimeMs], ['live', '2026.9.6', 4242]);
      assert.ok(!JSON.stringify(r).includes(TOKEN));
    } finally {
      await s.close();
    }
  });

  it('reachable but limited: hello-ok without the scope asked for', async () => {
    const s = await upstreamLike(() => hello([]));
    try {
      const r = await probeOpenclaw({ port: s.port, token: TOKEN });
      assert.equal(r.state, 'limited');
      assert.match(r.detail, /connected without operator\.read \(scopes: none\)/);
    } finally {
      await s.close();
    }
  });

  it('auth failed: AUTH_TOKEN_MISMATCH in error.details.code', async () => {
    const s = await upstreamLike(() => ({ ok: false, error: { code: 'INVALID_REQUEST', message: 'unauthorized', details: { code: 'AUTH_TOKEN_MISMATCH' } } }));
    try {
      const r = await probeOpenclaw({ port: s.port, token: 'wrong-token-wrong-token' });
      assert.equal(r.state, 'auth-failed');
      assert.ok(!r.detail.includes('wrong-token'));
    } finally {
      await s.close();
    }
  });

  it('starting: /readyz not yet 200 while /healthz is live; or nothing listens yet while our process runs', async () => {
    const s = await upstreamLike(() => hello(['operator.read']), 503);
    try {
      assert.equal((await probeOpenclaw({ port: s.port, token: TOKEN })).state, 'starting');
    } finally {
      await s.close();
    }
    assert.equal((await probeOpenclaw({ port: s.port, expectRunning: true })).state, 'starting');
    assert.equal((await probeOpenclaw({ port: s.port })).state, 'stopped');
  });

  // Seen on the real 2026.9.6 at load 20 (upstream tier): while it starts, its port accepts but answers
  // late; that was "port held by another process" between two "starting" states.
  it('starting, not port held: our own upstream that accepts but answers late while our process runs; without it, port held', async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    try {
      const ours = await probeOpenclaw({ port, token: TOKEN, expectRunning: true, timeoutMs: 300 });
      assert.deepEqual([ours.state, ours.detail], ['starting', `port ${port} open, no answer within 300 ms yet (still starting)`]);
      assert.equal((await probeOpenclaw({ port, token: TOKEN, timeoutMs: 300 })).state, 'port-held');
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it('port held: an HTTP server that is no OpenClaw gateway', async () => {
    const server = createServer((_q, res) => res.writeHead(200).end('hello'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const r = await probeOpenclaw({ port: (server.address() as AddressInfo).port, token: TOKEN });
      assert.equal(r.state, 'port-held');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
