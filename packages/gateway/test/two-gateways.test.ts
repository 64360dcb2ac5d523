import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RUNTIME_FILE, type RuntimeInfo } from '@clawport/core';
import { readRuntime } from '@clawport/core/node';
import { GatewayClient } from '../src/client/index.js';
import { gatewayOptions, listeningPortsOf, setupProfile, started, gatewaysInTempHome } from './helpers.js';

// Fixed ports from the gateway's test range: main at 21000, rescue 212 above (docs/explanation/footprints.md).
const MAIN = 21000;
const RESCUE = MAIN + 212;

describe('two gateways side by side (main and rescue)', () => {
  const env = gatewaysInTempHome();
  const { running } = env;

  it('each binds exactly its gateway, browser control and canvas ports and reports them', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN } });
    // rescue runs on --port only (no port in its config: the runtime file must still be right); it watches main.
    const rescue = await setupProfile(env.home, 'rescue', { watch: { targets: ['main'] } }, RESCUE);
    const gm = await started(running, gatewayOptions(main));
    const gr = await started(running, gatewayOptions(rescue));

    const table = [
      { g: gm, base: MAIN, p: main },
      { g: gr, base: RESCUE, p: rescue },
    ];
    for (const { g, base, p } of table) {
      assert.deepEqual(await listeningPortsOf(process.pid, base, base + 110), [base, base + 2, base + 4], `${p.instance.name} listeners`);
      const rt = (await readRuntime(p.instance.stateDir)) as RuntimeInfo;
      assert.equal(rt.pid, process.pid);
      assert.equal(rt.base, base);
      assert.equal(rt.version, '0.0.0-test');
      assert.ok(rt.startedAt > 0);
      const byRole = Object.fromEntries(rt.ports.map((x) => [x.role, `${x.start}-${x.end}`]));
      assert.deepEqual(byRole, {
        gateway: `${base}-${base}`,
        'browser control': `${base + 2}-${base + 2}`,
        'CDP band': `${base + 11}-${base + 110}`,
        canvas: `${base + 4}-${base + 4}`,
      });
      assert.deepEqual(g.runtime.ports, rt.ports);

      const client = await GatewayClient.connect({ url: `ws://127.0.0.1:${base}/`, token: p.token });
      const status = await client.call<{ name: string; base: number; ready: boolean }>('status');
      assert.equal(status.name, p.instance.name);
      assert.equal(status.base, base);
      assert.equal(status.ready, true);
      const echoed = await client.call('browser.request', { path: '/tabs' });
      assert.deepEqual(echoed, { echoed: { path: '/tabs' }, controlPort: base + 2 });
      await client.close();
    }

    // The rescue bot sees main and can inspect it.
    const rc = await GatewayClient.connect({ url: `ws://127.0.0.1:${RESCUE}/`, token: rescue.token });
    const list = await rc.call<{ instances: Array<{ name: string; base: number; running: boolean; self: boolean }> }>('instances.list');
    assert.deepEqual(
      list.instances.map((i) => [i.name, i.base, i.running, i.self]),
      [
        ['main', MAIN, true, false],
        ['rescue', RESCUE, true, true],
      ],
    );
    const st = await rc.call<{ health: { live: boolean; ready: boolean } }>('instances.status', { name: 'main' });
    assert.deepEqual([st.health.live, st.health.ready], [true, true]);
    // ...reads main's config (redacted) and log, and could repair it
    const cfg = await rc.call<{ instance: string; config: { gateway: { port: number } } }>('config.get', { instance: 'main' });
    assert.deepEqual([cfg.instance, cfg.config.gateway.port], ['main', MAIN]);
    const tail = await rc.call<{ file: string; lines: string[] }>('logs.tail', { instance: 'main', lines: 5 });
    assert.equal(tail.file, join(main.instance.stateDir, 'logs', 'gateway.log'));
    assert.ok(tail.lines.some((l) => l.includes('"msg":"gateway ready"') && l.includes('"instance":"main"')));
    await rc.close();
  });

  it('stop() removes the runtime file and releases every port and the lock', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN } });
    const g = await started(running, gatewayOptions(main));
    await g.stop();
    running.length = 0;
    await assert.rejects(stat(join(main.instance.stateDir, RUNTIME_FILE)), { code: 'ENOENT' });
    await assert.rejects(stat(join(main.instance.stateDir, 'gateway.lock')), { code: 'ENOENT' });
    assert.deepEqual(await listeningPortsOf(process.pid, MAIN, MAIN + 110), []);
    // and it starts again on the same ports
    const again = await started(running, gatewayOptions(main));
    assert.equal(again.runtime.base, MAIN);
    const log = await readFile(join(main.instance.stateDir, 'logs', 'gateway.log'), 'utf8');
    assert.match(log, /"msg":"gateway stopped"/);
  });
});

