import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { updateConfig } from '@clawport/core/node';
import type { RunningGateway } from '../src/index.js';
import { RawConn } from './fixtures/raw-ws.js';
import { gatewayOptions, setupProfile, started, tempHome } from './helpers.js';

const BASE = 21600;
const MAX_PAYLOAD = 4096;

function httpGet(port: number, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}

describe('wire protocol against a raw WebSocket client', () => {
  let env: Awaited<ReturnType<typeof tempHome>>;
  let token: string;
  let stateDir: string;
  let configPath: string;
  const running: RunningGateway[] = [];
  const conns: RawConn[] = [];
  const open = async (headers?: Record<string, string>) => {
    const c = await RawConn.open(BASE, headers);
    conns.push(c);
    return c;
  };

  before(async () => {
    env = await tempHome();
    const p = await setupProfile(env.home, 'main', { gateway: { port: BASE, maxPayload: MAX_PAYLOAD, handshakeTimeoutMs: 300 } });
    token = p.token;
    stateDir = p.instance.stateDir;
    configPath = p.instance.configPath;
    await started(running, gatewayOptions(p));
  });
  afterEach(() => {
    while (conns.length) conns.pop()!.close();
  });
  after(async () => {
    while (running.length) await running.pop()!.stop();
    await env.cleanup();
  });

  it('challenge, connect with every client field, hello-ok with features and policy', async () => {
    const c = await open();
    const challenge = await c.next();
    assert.equal(challenge.type, 'event');
    assert.equal(challenge.event, 'connect.challenge');
    assert.equal(typeof challenge.payload.nonce, 'string');
    assert.equal(typeof challenge.payload.ts, 'number');
    assert.equal(typeof challenge.seq, 'number');
    c.frames.unshift(challenge);
    const res = await c.handshake(token);
    assert.equal(res.ok, true);
    const hello = res.payload;
    assert.equal(hello.type, 'hello-ok');
    assert.equal(hello.protocol, 4);
    assert.equal(hello.server.version, '0.0.0-test');
    assert.equal(typeof hello.server.connId, 'string');
    for (const m of ['health', 'status', 'config.get', 'config.patch', 'logs.tail', 'browser.request', 'instances.list', 'instances.status', 'instances.restart', 'instances.config.rollback']) {
      assert.ok((hello.features.methods as string[]).includes(m), `features.methods has ${m}`);
    }
    assert.ok((hello.features.events as string[]).includes('tick'));
    assert.deepEqual(hello.policy, { maxPayload: MAX_PAYLOAD, tickIntervalMs: 30000 });
    assert.deepEqual(hello.auth, { role: 'operator', scopes: ['operator.read', 'operator.write', 'operator.admin'] });
    assert.equal(hello.snapshot.base, BASE);
  });

  it('health, status and config.get answer; the token never appears in a frame', async () => {
    const c = await open();
    await c.handshake(token);
    const health = await c.req('h', 'health');
    assert.deepEqual([health.ok, health.payload.ok, health.payload.status], [true, true, 'live']);
    const status = await c.req('s', 'status');
    assert.equal(status.payload.base, BASE);
    assert.equal(status.payload.ready, true);
    // put the token into the config too (from the CLI side: gateway.auth.* never changes over RPC),
    // and config.get must redact it; a patch of it over RPC is refused without echoing it
    await updateConfig(configPath, (raw) => ({ ...raw, gateway: { ...(raw.gateway as object), auth: { token } } }));
    const patched = await c.req('p', 'config.patch', { patch: { gateway: { auth: { token: `${token}x` } } } });
    assert.equal(patched.ok, false, JSON.stringify(patched));
    assert.equal(patched.error.code, 'FORBIDDEN');
    const cfg = await c.req('g', 'config.get');
    assert.equal(cfg.payload.config.gateway.port, BASE);
    assert.equal(cfg.payload.config.gateway.auth.token, '<redacted>');
    assert.ok(!JSON.stringify([health, status, patched, cfg]).includes(token));
  });

  const refusals: Array<{ name: string; token: () => string | undefined; range?: [number, number]; code: string; reason: string }> = [
    { name: 'no token', token: () => undefined, code: 'UNAUTHORIZED', reason: 'unauthorized' },
    { name: 'wrong token', token: () => 'x'.repeat(43), code: 'UNAUTHORIZED', reason: 'unauthorized' },
    { name: 'protocol range without 4', token: () => token, range: [1, 3], code: 'PROTOCOL_MISMATCH', reason: 'protocol mismatch' },
  ];
  for (const r of refusals) {
    it(`refused with ${r.name}: error response, then close 1008`, async () => {
      const c = await open();
      const res = await c.handshake(r.token(), r.range);
      assert.equal(res.ok, false);
      assert.equal(res.error.code, r.code);
      assert.deepEqual(await c.closed, { code: 1008, reason: r.reason });
    });
  }

  const badFirstFrames = [
    { name: 'garbage', frame: 'not json {', code: 'INVALID_REQUEST' },
    { name: 'a request that is not connect', frame: { type: 'req', id: 'x', method: 'health' }, code: 'INVALID_REQUEST' },
    { name: 'an event frame', frame: { type: 'event', event: 'hi', payload: {} }, code: 'INVALID_REQUEST' },
    { name: 'a huge frame', frame: 'x'.repeat(MAX_PAYLOAD + 10), code: 'PAYLOAD_TOO_LARGE' },
  ];
  for (const b of badFirstFrames) {
    it(`first frame is ${b.name}: error response, then close 1008`, async () => {
      const c = await open();
      await c.next(); // challenge
      c.send(b.frame);
      const res = await c.next();
      assert.deepEqual([res.type, res.ok, res.error.code], ['res', false, b.code]);
      assert.equal((await c.closed).code, 1008);
    });
  }

  it('a silent client is closed after the handshake timeout', async () => {
    const c = await open();
    assert.deepEqual(await c.closed, { code: 1008, reason: 'handshake timeout' });
  });

  it('after the handshake, bad frames get error frames and the connection stays open', async () => {
    const c = await open();
    await c.handshake(token);
    const table: Array<{ frame: unknown; code: string }> = [
      { frame: 'garbage', code: 'INVALID_REQUEST' },
      { frame: '[1,2]', code: 'INVALID_REQUEST' },
      { frame: { type: 'req', method: 'health' }, code: 'INVALID_REQUEST' },
      { frame: { type: 'req', id: 'n', method: 42 }, code: 'INVALID_REQUEST' },
      { frame: 'y'.repeat(MAX_PAYLOAD + 1), code: 'PAYLOAD_TOO_LARGE' },
      { frame: { type: 'req', id: 'u', method: 'no.such.method' }, code: 'METHOD_NOT_FOUND' },
      { frame: { type: 'req', id: 'q', method: 'logs.tail', params: { lines: -1 } }, code: 'INVALID_PARAMS' },
    ];
    for (const t of table) {
      c.send(t.frame);
      let res = await c.next();
      while (res.type === 'event') res = await c.next();
      assert.deepEqual([res.ok, res.error.code], [false, t.code], JSON.stringify(t.frame).slice(0, 60));
    }
    const health = await c.req('after', 'health');
    assert.equal(health.ok, true);
  });

  it('a frame far beyond maxPayload is cut off with 1009 without being read', async () => {
    const c = await open();
    await c.handshake(token);
    c.send('z'.repeat(MAX_PAYLOAD * 5));
    assert.equal((await c.closed).code, 1009);
  });

  it('cross-site Origin is refused at the upgrade; a loopback Origin is accepted', async () => {
    await assert.rejects(RawConn.open(BASE, { origin: 'https://evil.example' }), { status: 403 });
    await assert.rejects(RawConn.open(BASE, { origin: 'null' }), { status: 403 });
    const ok = await open({ origin: `http://127.0.0.1:${BASE + 4}` });
    assert.equal((await ok.handshake(token)).ok, true);
  });

  it('/healthz and /readyz over HTTP on the same port', async () => {
    assert.deepEqual(await httpGet(BASE, '/healthz'), { status: 200, body: { ok: true, status: 'live' } });
    assert.deepEqual(await httpGet(BASE, '/readyz'), { status: 200, body: { ok: true, status: 'ready' } });
  });

  it('config.patch validates and keeps the previous config; rollback restores it', async () => {
    const c = await open();
    await c.handshake(token);
    const before = await readFile(configPath, 'utf8');
    const bad = await c.req('b', 'config.patch', { patch: { gateway: { port: 'abc' } } });
    assert.deepEqual([bad.ok, bad.error.code], [false, 'CONFIG_INVALID']);
    assert.match(String(bad.error.message), /gateway\.port/);
    assert.equal(await readFile(configPath, 'utf8'), before);
    const good = await c.req('g', 'config.patch', { patch: { canvasHost: { liveReload: false } } });
    assert.deepEqual([good.ok, good.payload.restartRequired], [true, true]);
    assert.equal(await readFile(`${configPath}.last-good`, 'utf8'), before);
    const rolled = await c.req('r', 'instances.config.rollback', { name: 'main' });
    assert.equal(rolled.ok, true);
    assert.equal(await readFile(configPath, 'utf8'), before);
  });

  it('instances.restart without a service layer says so; unknown instance is NOT_FOUND', async () => {
    const c = await open();
    await c.handshake(token);
    assert.equal((await c.req('a', 'instances.restart', { name: 'main' })).error.code, 'UNAVAILABLE');
    assert.equal((await c.req('b', 'instances.status', { name: 'nope' })).error.code, 'NOT_FOUND');
  });

  it('logs.tail returns JSON lines; neither it nor the log file ever holds the token', async () => {
    const c = await open();
    await c.handshake(token);
    const tail = await c.req('t', 'logs.tail', { lines: 50 });
    assert.ok(tail.payload.lines.length > 0);
    for (const l of tail.payload.lines as string[]) assert.equal(typeof (JSON.parse(l) as { msg: unknown }).msg, 'string');
    const file = await readFile(join(stateDir, 'logs', 'gateway.log'), 'utf8');
    assert.ok(file.length > 0);
    assert.ok(!file.includes(token));
    assert.ok(!JSON.stringify(tail).includes(token));
  });
});
