import { join } from 'node:path';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { lastGoodPath, updateConfig } from '@clawport/core/node';
import { GatewayClient, type GatewayCallError } from '../src/client/index.js';
import { gatewayOptions, gatewaysInTempHome, setupProfile, started } from './helpers.js';

// Two gateways from the gateway test range (24000–24410): main, and rescue 300 above.
const MAIN = 24000;
const RESCUE = MAIN + 300;
const READ_TOKEN = 'read-only-token-for-a-dashboard';

const refused = async (p: Promise<unknown>, code: string, match?: RegExp) => {
  const e = (await p.then(
    () => assert.fail('expected a refusal'),
    (err: unknown) => err,
  )) as GatewayCallError;
  assert.equal(e.code, code, e.message);
  if (match) assert.match(e.message, match);
};

describe('authority: scopes on connections and the trust relation between instances (issue 16)', () => {
  const env = gatewaysInTempHome();
  const { running } = env;

  async function twoGateways(rescueConfig: Record<string, unknown> = {}) {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN, auth: { tokens: [{ name: 'dash', token: READ_TOKEN, scopes: ['operator.read'] }] } } });
    const rescue = await setupProfile(env.home, 'rescue', { gateway: { port: RESCUE }, ...rescueConfig });
    await started(running, gatewayOptions(main));
    await started(running, gatewayOptions(rescue));
    return { main, rescue };
  }

  it('hello says what was granted: the main token carries every scope, a client may ask for fewer, a read token only reads', async () => {
    const { main } = await twoGateways();
    const url = `ws://127.0.0.1:${MAIN}/`;
    const full = await GatewayClient.connect({ url, token: main.token });
    assert.deepEqual(full.hello.auth, { role: 'operator', scopes: ['operator.read', 'operator.write', 'operator.admin'] });
    await full.close();

    const asked = await GatewayClient.connect({ url, token: main.token, scopes: ['operator.read'] });
    assert.deepEqual(asked.hello.auth.scopes, ['operator.read']);
    await refused(asked.call('config.patch', { patch: { canvasHost: { liveReload: false } } }), 'FORBIDDEN', /config.patch needs scope operator.admin/);
    await asked.close();

    const before = await readFile(main.instance.configPath, 'utf8');
    const dash = await GatewayClient.connect({ url, token: READ_TOKEN, scopes: ['operator.admin'] });
    assert.deepEqual(dash.hello.auth.scopes, ['operator.read'], 'asking for admin does not grant it');
    assert.equal((await dash.call<{ name: string }>('status')).name, 'main');
    await refused(dash.call('config.patch', { patch: { canvasHost: { liveReload: false } } }), 'FORBIDDEN');
    await refused(dash.call('instances.config.rollback', { name: 'main' }), 'FORBIDDEN');
    await refused(dash.call('browser.request', { path: '/tabs' }), 'FORBIDDEN', /operator.write/);
    assert.equal(await readFile(main.instance.configPath, 'utf8'), before, 'a refused call writes nothing');
    await dash.close();
  });

  it("without a declared trust relation, rescue's token reaches nothing of main's", async () => {
    const { main, rescue } = await twoGateways();
    const before = await readFile(main.instance.configPath, 'utf8');
    const rc = await GatewayClient.connect({ url: `ws://127.0.0.1:${RESCUE}/`, token: rescue.token });
    const calls: Array<[string, unknown]> = [
      ['config.patch', { instance: 'main', patch: { gateway: { auth: { mode: 'none' } } } }],
      ['config.patch', { instance: 'main', patch: { agents: { defaults: { workspace: '/tmp/x' } } } }],
      ['config.get', { instance: 'main' }],
      ['logs.tail', { instance: 'main' }],
      ['instances.status', { name: 'main' }],
      ['instances.restart', { name: 'main' }],
      ['instances.config.rollback', { name: 'main' }],
    ];
    for (const [method, params] of calls) await refused(rc.call(method, params), 'FORBIDDEN', /not in its watch.targets.*config set watch.targets/);
    // listing the host is not an action: it still works
    const list = await rc.call<{ instances: Array<{ name: string }> }>('instances.list');
    assert.deepEqual(list.instances.map((i) => i.name).sort(), ['main', 'rescue']);
    await rc.close();
    // and main's token is not rescue's either
    const mc = await GatewayClient.connect({ url: `ws://127.0.0.1:${MAIN}/`, token: main.token });
    await refused(mc.call('config.patch', { instance: 'rescue', patch: { plugins: { load: ['/tmp/evil.mjs'] } } }), 'FORBIDDEN');
    await mc.close();
    assert.equal(await readFile(main.instance.configPath, 'utf8'), before);
  });

  it('along watch.targets: status, logs, ordinary patches and rollback work; keys deciding who connects or what runs never do', async () => {
    const { main, rescue } = await twoGateways({ watch: { targets: ['main'] } });
    const rc = await GatewayClient.connect({ url: `ws://127.0.0.1:${RESCUE}/`, token: rescue.token });
    assert.deepEqual((await rc.call<{ health: { ready: boolean } }>('instances.status', { name: 'main' })).health.ready, true);
    assert.ok((await rc.call<{ lines: string[] }>('logs.tail', { instance: 'main' })).lines.length > 0);
    await rc.call('config.patch', { instance: 'main', patch: { logging: { level: 'debug' } } });

    const hostile: Array<Record<string, unknown>> = [
      { gateway: { auth: { token: 'attacker-chosen-token-123' } } },
      { gateway: { auth: { mode: 'none' } } },
      { gateway: { auth: { tokens: [{ token: 'attacker-chosen-token-123', scopes: ['operator.admin'] }] } } },
      { gateway: { bind: 'lan' } },
      { gateway: null },
      { plugins: { load: ['/tmp/evil.mjs'] } },
      { canvasHost: { root: '/' } },
      { browser: { executablePath: '/tmp/evil.sh' } },
      { watch: { targets: ['main', 'other'] } },
    ];
    const before = await readFile(main.instance.configPath, 'utf8');
    const lastGood = await readFile(lastGoodPath(main.instance.configPath), 'utf8');
    for (const patch of hostile) {
      await refused(rc.call('config.patch', { instance: 'main', patch }), 'FORBIDDEN', /never changed (from another instance|over RPC)/);
    }
    assert.equal(await readFile(main.instance.configPath, 'utf8'), before, 'nothing written');
    assert.equal(await readFile(lastGoodPath(main.instance.configPath), 'utf8'), lastGood, 'last-good untouched');

    // rollback of an ordinary change is fine...
    await rc.call('instances.config.rollback', { name: 'main' });
    assert.equal(JSON.parse(await readFile(main.instance.configPath, 'utf8')).logging, undefined);
    // ...but not one that would bring back an older token the user replaced locally.
    await updateConfig(main.instance.configPath, (raw) => ({ ...raw, gateway: { ...(raw.gateway as object), auth: { token: 'rotated-locally-by-the-user' } } }));
    await refused(rc.call('instances.config.rollback', { name: 'main' }), 'FORBIDDEN', /gateway\.auth\.token/);
    // a config that no longer parses is the rescue case: restored whole
    await writeFile(main.instance.configPath, '{ broken');
    await rc.call('instances.config.rollback', { name: 'main' });
    assert.equal(JSON.parse(await readFile(main.instance.configPath, 'utf8')).gateway.port, MAIN);

    // the trust relation itself is never writable over RPC, not even on the own instance
    const rescueBefore = await readFile(rescue.instance.configPath, 'utf8');
    await refused(rc.call('config.patch', { patch: { watch: { targets: ['main', 'third'] } } }), 'FORBIDDEN', /watch\.targets is the trust relation/);
    await refused(rc.call('config.patch', { patch: { watch: null } }), 'FORBIDDEN');
    assert.equal(await readFile(rescue.instance.configPath, 'utf8'), rescueBefore);
    // and no key deciding who connects or what runs changes over RPC on the own instance either: a
    // token must not become code (its own plugins.load) or another instance (its canvas pointed at
    // main's credentials); ordinary keys still do (single-user convenience)
    const ownCanvas = join(main.instance.stateDir, 'credentials');
    for (const patch of [
      { canvasHost: { root: ownCanvas } },
      { plugins: { load: ['/tmp/evil.mjs'] } },
      { gateway: { auth: { mode: 'none' } } },
      { browser: { extraArgs: ['--renderer-cmd-prefix=/tmp/evil.sh'] } },
      { browser: { noSandbox: true } },
    ]) {
      await refused(rc.call('config.patch', { patch }), 'FORBIDDEN', /never changed over RPC.*from the CLI/);
    }
    assert.equal(await readFile(rescue.instance.configPath, 'utf8'), rescueBefore);
    await rc.call('config.patch', { patch: { logging: { level: 'debug' } } });
    await rc.close();
  });

  it('a rollback is judged as any edit: a kept config that would now overlap another instance is refused, nothing written', async () => {
    const { main, rescue } = await twoGateways({ watch: { targets: ['main'] } });
    // Kept when main still ran at a base that is now inside rescue's footprint (rescue moved there since).
    const kept = JSON.parse(await readFile(main.instance.configPath, 'utf8')) as { gateway: { port: number } };
    await writeFile(lastGoodPath(main.instance.configPath), JSON.stringify({ ...kept, gateway: { ...kept.gateway, port: RESCUE + 20 } }));
    // The rescue case (main's config no longer parses) is restored whole, but never into a conflict.
    await writeFile(main.instance.configPath, '{ broken');
    const rc = await GatewayClient.connect({ url: `ws://127.0.0.1:${RESCUE}/`, token: rescue.token });
    const e = (await rc.call('instances.config.rollback', { name: 'main' }).then(() => assert.fail('expected a refusal'), (err: unknown) => err)) as GatewayCallError;
    assert.match(e.message, /^instances\.config\.rollback: main's .* would overlap instance rescue's .*; nothing was written/);
    assert.equal(await readFile(main.instance.configPath, 'utf8'), '{ broken');
    await rc.close();
  });
});
