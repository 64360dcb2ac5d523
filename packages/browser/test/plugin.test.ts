import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { ConfigError, PortConflictError, UsageError } from '@clawport/core';
import { browserPlugin, startBrowserService, type BrowserProfileInfo, type BrowserService } from '../src/index.js';
import { http, makeInstance, rpc, tempHome, type TestInstance } from './helpers/context.js';

// Control service only: no browser is started here (see browser.integration.test.ts for Chromium).
describe('browser control service', () => {
  let home: { home: string; cleanup: () => Promise<void> };
  let inst: TestInstance;
  let service: BrowserService;

  before(async () => {
    home = await tempHome();
    inst = await makeInstance(home.home, 'ctl', 25400);
    service = (await browserPlugin.start!(inst.ctx)) as BrowserService;
  });
  after(async () => {
    await service?.stop();
    await home.cleanup();
  });

  it('listens on B+2 on 127.0.0.1 and registers browser.request on the gateway', () => {
    assert.equal(service.controlPort, 25402);
    assert.ok(inst.methods.has('browser.request'));
  });

  const refusals: Array<{ what: string; method: string; path: string; token: boolean | string; headers?: Record<string, string>; status: number }> = [
    { what: 'no token', method: 'GET', path: '/', token: false, status: 401 },
    { what: 'wrong token', method: 'GET', path: '/', token: 'x'.repeat(48), status: 401 },
    { what: 'no token on a mutating route', method: 'POST', path: '/start', token: false, status: 401 },
    { what: 'cross-site mutating request', method: 'POST', path: '/start', token: true, headers: { 'sec-fetch-site': 'cross-site' }, status: 403 },
    { what: 'non-loopback Origin on a mutating route', method: 'POST', path: '/profiles/create', token: true, headers: { origin: 'https://evil.example' }, status: 403 },
    { what: 'Origin null (sandboxed page)', method: 'DELETE', path: '/profiles/x', token: true, headers: { origin: 'null' }, status: 403 },
    { what: 'rebound Host name', method: 'GET', path: '/', token: true, headers: { host: 'evil.example:25402' }, status: 403 },
    { what: 'unknown route', method: 'GET', path: '/nope', token: true, status: 404 },
    { what: 'wrong method', method: 'DELETE', path: '/start', token: true, status: 405 },
    { what: 'unknown browser profile', method: 'GET', path: '/?profile=ghost', token: true, status: 404 },
    { what: 'bad profile name', method: 'GET', path: '/?profile=..%2Fx', token: true, status: 400 },
  ];
  for (const r of refusals) {
    it(`answers ${r.status} for ${r.what}`, async () => {
      const token = r.token === true ? inst.token : r.token === false ? undefined : r.token;
      const res = await http(25402, r.method, r.path, { token, headers: r.headers, body: r.method === 'GET' ? undefined : {} });
      assert.equal(res.status, r.status, JSON.stringify(res.json));
      assert.equal(typeof res.json.error.message, 'string');
    });
  }

  it('allows a same-origin loopback page and CLI clients', async () => {
    const res = await http(25402, 'GET', '/', { token: inst.token, headers: { origin: 'http://127.0.0.1:25402', 'sec-fetch-site': 'same-origin' } });
    assert.equal(res.status, 200);
    assert.equal(res.json.profile, 'openclaw');
    assert.equal(res.json.running, false);
    assert.equal(res.json.controlPort, 25402);
  });

  it('refuses a body over the limit (413) and non-JSON bodies (400, 415)', async () => {
    const big = await http(25402, 'POST', '/profiles/create', { token: inst.token, body: { name: 'x', pad: 'a'.repeat(70_000) } });
    assert.equal(big.status, 413);
    const bad = await http(25402, 'POST', '/profiles/create', { token: inst.token, body: '{nope' });
    assert.equal(bad.status, 400);
    const form = await http(25402, 'POST', '/start', { token: inst.token, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
  });

  it('answers the same routes over browser.request, with typed errors', async () => {
    const status = await rpc(inst, 'GET', '/status');
    assert.equal(status.profile, 'openclaw');
    const { profiles } = (await rpc(inst, 'GET', '/profiles')) as { profiles: BrowserProfileInfo[] };
    assert.deepEqual(
      profiles.map((p) => [p.name, p.persisted]),
      [['openclaw', false]],
    );
    await assert.rejects(rpc(inst, 'PUT', '/'), UsageError);
    await assert.rejects(rpc(inst, 'GET', 'tabs'), UsageError);
    await assert.rejects(rpc(inst, 'POST', '/navigate', { url: 'file:///etc/passwd' }), UsageError);
  });

  it('refuses a non-loopback bind with a ConfigError and binds nothing', async () => {
    const other = await makeInstance(home.home, 'lan', 25600);
    await assert.rejects(startBrowserService(other.ctx, { host: '0.0.0.0' }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /loopback only; refusing to listen on 0\.0\.0\.0:25602/);
      return true;
    });
    assert.equal(other.methods.size, 0);
    const free = createServer();
    await new Promise<void>((res) => free.listen(25602, '127.0.0.1', () => free.close(() => res())));
  });

  it('names the control port when it is already taken', async () => {
    const other = await makeInstance(home.home, 'busy', 25800);
    const squatter: Server = createServer();
    await new Promise<void>((res) => squatter.listen(25802, '127.0.0.1', res));
    try {
      await assert.rejects(startBrowserService(other.ctx), (e: unknown) => e instanceof PortConflictError && e.port === 25802);
    } finally {
      await new Promise((res) => squatter.close(res));
    }
  });
});
