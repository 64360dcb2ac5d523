import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { get } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { GatewayClient } from '../../src/client/index.js';
import { SEED_INDEX } from '../../src/canvas/seed.js';
import { RELOAD_PATH, resolveInRoot } from '../../src/canvas/static.js';
import { gatewayOptions, setupProfile, started, gatewaysInTempHome } from '../helpers.js';

const BASE = 22000;

function fetchText(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type?: string; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body, location: res.headers.location }));
    }).on('error', reject);
  });
}

describe('canvas host plugin', () => {
  const env = gatewaysInTempHome();
  const { running } = env;

  it('seeds <state>/canvas/index.html and serves it on B+4 with the live-reload script', async () => {
    const p = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    await started(running, gatewayOptions(p));
    assert.equal(await readFile(join(p.instance.stateDir, 'canvas', 'index.html'), 'utf8'), SEED_INDEX);
    const page = await fetchText(BASE + 4, '/');
    assert.equal(page.status, 200);
    assert.match(page.type!, /^text\/html/);
    assert.ok(page.body.includes(RELOAD_PATH));
    const table = [
      { path: '/../openclaw.json', status: 400 },
      { path: '/%2e%2e/openclaw.json', status: 400 },
      { path: '/missing.css', status: 404 },
    ];
    for (const t of table) assert.equal((await fetchText(BASE + 4, t.path)).status, t.status, t.path);
  });

  it('serves only real files under the root: no dotfiles, no symlinks out, same-origin redirects, loopback Host names only', async () => {
    const p = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const root = join(p.instance.stateDir, 'canvas');
    await mkdir(join(root, 'docs'), { recursive: true });
    await mkdir(join(root, '.git'), { recursive: true });
    await writeFile(join(root, 'docs', 'index.html'), '<p>docs</p>');
    await writeFile(join(root, '.env'), 'SECRET=1');
    await writeFile(join(root, '.git', 'config'), '[core]');
    await writeFile(join(root, 'page.html'), '<p>page</p>');
    await writeFile(join(root, 'index.html'), '<p>home</p>');
    await symlink('/', join(root, 'slash'));
    await symlink(join(p.instance.stateDir, 'credentials'), join(root, 'creds'));
    await symlink(join(p.instance.stateDir, 'openclaw.json'), join(root, 'config.json'));
    await symlink(join(root, 'page.html'), join(root, 'alias.html'));
    await started(running, gatewayOptions(p));
    const port = BASE + 4;
    const table: Array<{ path: string; status: number; headers?: Record<string, string> }> = [
      { path: '/.env', status: 404 },
      { path: '/.git/config', status: 404 },
      { path: '/%2egit/config', status: 404 },
      { path: '/slash/etc/hostname', status: 404 },
      { path: '/creds/gateway.token', status: 404 },
      { path: '/config.json', status: 404 },
      { path: '/alias.html', status: 200 },
      { path: '/page.html', status: 200 },
      { path: '/', status: 403, headers: { host: 'evil.example' } },
      { path: '/', status: 403, headers: { host: `rebind.evil.example:${port}` } },
      { path: '/', status: 200, headers: { host: `localhost:${port}` } },
      { path: '/', status: 200, headers: { host: `[::ffff:127.0.0.1]:${port}` } },
    ];
    for (const t of table) assert.equal((await fetchText(port, t.path, t.headers)).status, t.status, `${t.path} ${JSON.stringify(t.headers ?? {})}`);
    for (const path of ['//docs', '//evil.example/../docs', '/docs']) {
      const r = await fetchText(port, path);
      assert.deepEqual([r.status, r.location], [301, '/docs/'], path);
    }
  });

  it('with bind=lan, a peer that is not loopback needs the token (in a private namespace with a 10.x veth pair)', () => {
    const fixture = fileURLToPath(new URL('../fixtures/lan-canvas.ts', import.meta.url));
    const lan = '10.77.0.1';
    const script = `ip link set lo up && ip link add v0 type veth peer name v1 && ip addr add ${lan}/24 dev v0 && ip link set v0 up && ip link set v1 up && exec "$0" --import tsx "$1"`;
    const r = spawnSync('unshare', ['--net', '--', 'sh', '-c', script, process.execPath, fixture], { encoding: 'utf8', env: { ...process.env, LAN_ADDR: lan }, timeout: 60_000 });
    assert.equal(r.status, 0, `the LAN fixture needs root, util-linux unshare and iproute2: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    assert.deepEqual(out, { lanNoToken: 401, lanWrongToken: 401, lanBearer: 200, lanQuery: [303, '/', true], lanCookie: 200, loopback: 200 });
  });

  it('canvasHost.root is served, a user page is never overwritten, and a change pushes reload', async () => {
    const root = join(env.home, 'my-canvas');
    const p = await setupProfile(env.home, 'main', { gateway: { port: BASE }, canvasHost: { root } });
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'index.html'), '<html><body>mine</body></html>');
    await mkdir(join(root, 'sub'));
    await writeFile(join(root, 'sub', 'page.css'), 'body{}');
    await started(running, gatewayOptions(p));
    assert.match((await fetchText(BASE + 4, '/')).body, /mine/);
    assert.equal((await fetchText(BASE + 4, '/sub')).status, 301);
    assert.equal((await fetchText(BASE + 4, '/sub/')).status, 404);
    // a filled directory is served as it is: nothing seeded next to the user's files
    assert.deepEqual((await readdir(join(root, 'sub'))).sort(), ['page.css']);

    const ws = new WebSocket(`ws://127.0.0.1:${BASE + 4}${RELOAD_PATH}`);
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    const client = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token: p.token });
    const viaGateway = new Promise((r) => client.on('canvas.reload', r));
    const viaCanvas = new Promise((r) => ws.once('message', (d: Buffer) => r(JSON.parse(d.toString('utf8')))));
    await writeFile(join(root, 'app.js'), 'console.log(1)');
    assert.deepEqual(await viaCanvas, { type: 'reload', path: 'app.js' });
    assert.deepEqual(await viaGateway, { path: 'app.js' });
    ws.terminate();
    await client.close();
  });

  const paths = [
    { url: '/', inside: true },
    { url: '/a/b.html', inside: true },
    { url: '/../x', inside: false },
    { url: '/a/../../x', inside: false },
    { url: '/%2e%2e%2fx', inside: false },
    { url: '/%00', inside: false },
    { url: '/%E0%A4%A', inside: false },
  ];
  for (const t of paths) {
    it(`resolveInRoot ${t.url} → ${t.inside ? 'inside' : 'refused'}`, () => {
      assert.equal(resolveInRoot('/srv/canvas', t.url) !== undefined, t.inside);
    });
  }
});
