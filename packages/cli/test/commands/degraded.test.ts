import assert from 'node:assert/strict';
import { request } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson, startGateway, type LiveProcess } from '../helpers/cli.js';

function readyz(port: number): Promise<{ status?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Issue 12 item 4, decided: a plugin that fails for a reason other than a port (here its start throws)
 * leaves the gateway serving WITHOUT it, and every reader says so: readiness is `degraded` with the
 * plugin named (/readyz, health, status, doctor), never "ready"/"healthy".
 */
describe('a plugin that fails to start: the gateway runs degraded and says so everywhere', () => {
  let home: string;
  let gateway: LiveProcess | undefined;
  const base = 23600;
  before(async () => {
    home = await makeHome();
    const plugin = join(home, 'broken.mjs');
    await writeFile(plugin, "export default { apiVersion: 1, id: 'broken', start: () => { throw new Error('cannot reach its backend'); } };\n");
    assert.equal((await runCli(['--profile', 'main', 'setup', '--port', String(base)], home)).code, 0);
    assert.equal((await runCli(['--profile', 'main', 'config', 'set', 'plugins.load', JSON.stringify([plugin])], home)).code, 0);
    gateway = await startGateway(['--profile', 'main', 'gateway'], home, join(home, '.openclaw-main'));
  });
  after(async () => {
    await gateway?.stop();
    await removeHome(home);
  });

  it('/readyz: 200 (it serves) with status degraded and the plugin named', async () => {
    const r = await readyz(base);
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), { ok: true, status: 'degraded', pluginsFailed: ['broken'] });
  });

  it('health: exit 1, one line naming the plugin and why; --json has status degraded', async () => {
    const r = await runCli(['--profile', 'main', 'health'], home);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^main: degraded \(ws:\/\/127\.0\.0\.1:23600\/, [\d.]+ ms\): runs without broken \(cannot reach its backend\)\n$/);
    const j = await runJson<{ ok: boolean; health: { status: string; pluginsFailed: string[] } }>(['--profile', 'main', 'health'], home);
    assert.equal(j.result.ok, false);
    assert.equal(j.result.health.status, 'degraded');
    assert.deepEqual(j.result.health.pluginsFailed, ['broken']);
  });

  it('status and status --all say degraded and name it', async () => {
    const one = await runCli(['--profile', 'main', 'status'], home);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /gateway\s+running, degraded: runs without broken \(cannot reach its backend\)/);
    const all = await runCli(['status', '--all'], home);
    assert.match(all.stdout + all.stderr, /degraded/);
  });

  it('doctor names the plugin that is not running', async () => {
    const r = await runCli(['--profile', 'main', 'doctor'], home);
    assert.match(r.stdout + r.stderr, /broken.*cannot reach its backend/);
  });

  it('the gateway itself said so on start', () => {
    assert.match(gateway!.output(), /warning: gateway main is degraded: it runs without broken/);
  });
});
