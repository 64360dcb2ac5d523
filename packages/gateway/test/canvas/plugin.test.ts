import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { GatewayClient } from '../../src/client/index.js';
import { SEED_INDEX } from '../../src/canvas/seed.js';
import { RELOAD_PATH, resolveInRoot } from '../../src/canvas/static.js';
import { gatewayOptions, setupProfile, started, gatewaysInTempHome } from '../helpers.js';

const BASE = 22000;

function fetchText(port: number, path: string): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
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
