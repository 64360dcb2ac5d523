import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserManifest, type ClaimSpec, type ClawportPlugin } from '@clawport/core';
import { GatewayClient } from '../../src/client/index.js';
import { defaultPlugins, gatewayOptions, listeningPortsOf, setupProfile, started, gatewaysInTempHome } from '../helpers.js';

const BASE = 22600;

/**
 * Fixture plugin whose enabled() throws `thrown`. It would start a service (and, with `claims`, claim
 * B+6), so it reaches both places that ask enabled(): the footprint (claims) and the host (start).
 */
function enabledThrows(id: string, thrown: unknown, claims?: ClaimSpec[]): ClawportPlugin {
  return {
    apiVersion: browserManifest.apiVersion,
    id,
    enabled: () => {
      throw thrown;
    },
    ...(claims ? { claims: () => claims } : {}),
    start: () => Promise.reject(new Error(`${id}: start must not run when enabled() threw`)),
  };
}

/** A well-behaved plugin after the broken one: it must still start. */
const after: ClawportPlugin = {
  apiVersion: browserManifest.apiVersion,
  id: 'after',
  start: (ctx) => {
    ctx.gateway.registerMethod('after.ping', () => 'pong');
    return Promise.resolve({ stop: () => Promise.resolve() });
  },
};

describe('plugins/host: a plugin whose enabled() throws', () => {
  const env = gatewaysInTempHome();
  const { running } = env;

  const cases: Array<[string, ClawportPlugin, string]> = [
    ['a start-only plugin (the host asks enabled())', enabledThrows('moody', new Error('config unreadable')), 'enabled() threw: config unreadable'],
    ['a start-only plugin throwing a non-Error', enabledThrows('moody', 'just a string'), 'enabled() threw: just a string'],
    [
      'a plugin with claims (the footprint asks enabled() first)',
      enabledThrows('moody', new Error('config unreadable'), [{ id: 'moody', role: 'moody', offset: 6, from: 'base', bind: 'loopback' }]),
      'enabled() threw: config unreadable',
    ],
  ];
  for (const [name, plugin, message] of cases) {
    it(`${name}: reported once by id in pluginErrors; the gateway and the other plugins run`, async () => {
      const p = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
      const g = await started(running, gatewayOptions(p, { plugins: [...defaultPlugins(), plugin, after] }));
      assert.deepEqual(g.runtime.pluginErrors, [{ id: 'moody', message }]);
      assert.equal(g.runtime.ports.some((port) => port.owner === 'moody'), false, 'a failed plugin owns no port');
      assert.deepEqual(await listeningPortsOf(process.pid, BASE, BASE + 110), [BASE, BASE + 2, BASE + 4]);

      const rt = JSON.parse(await readFile(join(p.instance.stateDir, 'gateway.runtime.json'), 'utf8')) as { pluginErrors?: unknown };
      assert.deepEqual(rt.pluginErrors, [{ id: 'moody', message }]);
      const c = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token: p.token });
      try {
        const health = await c.call<{ ok: boolean; status: string; pluginsFailed: string[] }>('health');
        assert.deepEqual([health.ok, health.status, health.pluginsFailed], [true, 'degraded', ['moody']], 'serving, but degraded naming it');
        assert.equal(await c.call('after.ping'), 'pong');
        const st = await c.call<{ services: Record<string, { state: string; error?: string }> }>('status');
        assert.equal(st.services.after?.state, 'running');
      } finally {
        await c.close();
      }
    });
  }
});
