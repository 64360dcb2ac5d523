import assert from 'node:assert/strict';
import { createServer, get, type Server } from 'node:http';
import { browserManifest, PortConflictError, type ClawportPlugin } from '@clawport/core';
import { GatewayClient } from '../src/client/index.js';
import { startGateway } from '../src/index.js';
import { defaultPlugins, gatewayOptions, setupProfile, started, gatewaysInTempHome, waitFor } from './helpers.js';

const BASE = 22400;

const readyz = (port: number) =>
  new Promise<number>((resolve, reject) => get({ host: '127.0.0.1', port, path: '/readyz' }, (r) => (r.resume(), resolve(r.statusCode!))).on('error', reject));

/** A plugin that records start/stop order and can hold its start until released. */
function recorder(id: string, events: string[], gate?: Promise<void>): ClawportPlugin {
  return {
    apiVersion: browserManifest.apiVersion,
    id,
    start: async (ctx) => {
      await gate;
      events.push(`start ${id}`);
      ctx.gateway.registerMethod(`${id}.ping`, () => 'pong');
      return { stop: () => Promise.resolve(void events.push(`stop ${id}`)), status: () => ({ hello: id }) };
    },
  };
}

describe('gateway lifecycle and plugin host', () => {
  const env = gatewaysInTempHome();
  const { running } = env;

  it('/readyz is 503 while plugins start and 200 once all did; plugins stop in reverse order', async () => {
    const p = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const pending = startGateway(gatewayOptions(p, { plugins: [recorder('one', events), recorder('two', events, gate), ...defaultPlugins()] }));
    // the base port is bound before plugins start; readiness waits for them
    const status = await waitFor(() => readyz(BASE).catch(() => undefined), '/readyz to answer');
    assert.equal(status, 503);
    release();
    const g = await pending;
    running.push(g);
    assert.equal(await readyz(BASE), 200);
    const c = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token: p.token });
    assert.equal(await c.call('two.ping'), 'pong');
    const st = await c.call<{ services: Record<string, { state: string; detail?: unknown }> }>('status');
    assert.deepEqual(st.services.one, { state: 'running', ports: [], detail: { hello: 'one' } });
    await c.close();
    await g.stop();
    running.length = 0;
    assert.deepEqual(events, ['start one', 'start two', 'stop two', 'stop one']);
  });

  it('a plugin registering a built-in method name fails alone; instances.restart goes through the hook', async () => {
    const p = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const clash: ClawportPlugin = {
      apiVersion: browserManifest.apiVersion,
      id: 'clash',
      start: (ctx) => {
        ctx.gateway.registerMethod('clash.ok', () => 1);
        ctx.gateway.registerMethod('health', () => 'hijacked');
        return Promise.resolve({ stop: () => Promise.resolve() });
      },
    };
    const restarted: string[] = [];
    const g = await started(running, gatewayOptions(p, { plugins: [...defaultPlugins(), clash], hooks: { restartInstance: (n) => Promise.resolve((restarted.push(n), { ok: true })) } }));
    assert.deepEqual(g.runtime.pluginErrors, [{ id: 'clash', message: 'method health is already registered by core' }]);
    const c = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token: p.token });
    assert.equal((await c.call<{ ok: boolean }>('health')).ok, true);
    await assert.rejects(c.call('clash.ok'), { code: 'METHOD_NOT_FOUND' });
    assert.deepEqual(await c.call('instances.restart', { name: 'main' }), { instance: 'main', result: { ok: true } });
    assert.deepEqual(restarted, ['main']);
    await c.close();
  });

  it('plugins with another API version, a duplicate id or broken claims are reported and skipped', async () => {
    const p = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const events: string[] = [];
    const future = { ...recorder('future', events), apiVersion: 2 };
    const badClaims: ClawportPlugin = { ...recorder('badclaims', events), claims: () => [{ id: 'x', role: 'x', port: 80, bind: 'loopback' }] };
    const g = await started(running, gatewayOptions(p, { plugins: [...defaultPlugins(), future, recorder('twice', events), recorder('twice', events), badClaims] }));
    assert.deepEqual(
      g.runtime.pluginErrors?.map((e) => e.id),
      ['future', 'twice', 'badclaims'],
    );
    assert.match((g.runtime.pluginErrors ?? [])[0]?.message ?? '', /plugin API v2/);
    assert.deepEqual(events, ['start twice']);
  });

  it("a port of another running instance's plugin is named by instance and claim", async () => {
    // main runs a third-party plugin claiming B+6; ghost's config does not know that plugin: main's
    // runtime file (the claims its gateway published, host model) tells who holds the port, before
    // any socket is probed.
    const extra: ClawportPlugin = {
      apiVersion: browserManifest.apiVersion,
      id: 'extra',
      claims: () => [{ id: 'extra', role: 'extra', from: 'base', offset: 6, bind: 'loopback' }],
      start: async (ctx) => {
        const s: Server = createServer();
        await new Promise<void>((r) => s.listen(ctx.ports.extra.start, '127.0.0.1', () => r()));
        return { stop: () => new Promise<void>((r) => s.close(() => r())) };
      },
    };
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    await started(running, gatewayOptions(main, { plugins: [...defaultPlugins(), extra] }));
    const ghost = await setupProfile(env.home, 'ghost', { gateway: { port: BASE + 6 }, browser: { enabled: false }, canvasHost: { enabled: false } });
    await assert.rejects(startGateway(gatewayOptions(ghost)), (e: unknown) => {
      assert.ok(e instanceof PortConflictError, String(e));
      assert.equal(e.message, `cannot start gateway ghost: port ${BASE + 6} (gateway) is claimed by instance main (extra ${BASE + 6})`);
      return true;
    });
  });
});
