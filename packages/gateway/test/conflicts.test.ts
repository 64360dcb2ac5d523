import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PortConflictError, StateDirLockedError, ConfigError, browserManifest, type ClawportPlugin } from '@clawport/core';
import { isListening } from '@clawport/core/node';
import { GatewayClient, probeGateway } from '../src/client/index.js';
import { startGateway } from '../src/index.js';
import { foreignListener } from './fixtures/foreign-listener.js';
import { defaultPlugins, gatewayOptions, listeningPortsOf, setupProfile, started, gatewaysInTempHome } from './helpers.js';

const BASE = 21400;

/** Every file under dir with size and mtime: "no file changed" means this snapshot is equal. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true })) {
    const s = await stat(join(dir, entry));
    if (s.isFile()) out[entry] = `${s.size}@${s.mtimeMs}`;
  }
  return out;
}

describe('a gateway that must not start', () => {
  const env = gatewaysInTempHome();
  const { running } = env;

  it('second gateway on the same state dir is refused by name; the first keeps running', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    await started(running, gatewayOptions(main));
    const before = await snapshot(main.instance.stateDir);
    // Same state dir, another port: the lock, not the port check, must refuse it.
    const other = { ...main, instance: { ...main.instance, port: BASE + 500 } };
    await assert.rejects(startGateway(gatewayOptions(other)), (e: unknown) => {
      assert.ok(e instanceof StateDirLockedError);
      assert.equal(e.message, `state dir ${main.instance.stateDir} is in use by gateway pid ${process.pid} (profile main, port ${BASE})`);
      assert.equal(e.exitCode, 1);
      return true;
    });
    assert.deepEqual(await snapshot(main.instance.stateDir), before);
    assert.equal(await isListening(BASE + 500), false);
    assert.equal((await probeGateway({ port: BASE, token: main.token })).healthy, true);
  });

  const foreignCases = [
    { role: 'gateway', offset: 0 },
    { role: 'browser control', offset: 2 },
    { role: 'canvas', offset: 4 },
  ];
  for (const { role, offset } of foreignCases) {
    it(`foreign listener on the ${role} port: refused naming port, role and pid; nothing bound or written`, async () => {
      const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
      const foreign = await foreignListener(BASE + offset);
      try {
        const before = await snapshot(main.instance.stateDir);
        await assert.rejects(startGateway(gatewayOptions(main)), (e: unknown) => {
          assert.ok(e instanceof PortConflictError, String(e));
          assert.equal(e.message, `cannot start gateway main: port ${BASE + offset} (${role}) is in use by pid ${foreign.pid} (node)`);
          assert.deepEqual([e.port, e.role, e.owner], [BASE + offset, role, `pid ${foreign.pid} (node)`]);
          return true;
        });
        assert.deepEqual(await snapshot(main.instance.stateDir), before);
        assert.deepEqual(await listeningPortsOf(process.pid, BASE, BASE + 110), []);
      } finally {
        await foreign.stop();
      }
    });
  }

  it('a foreign listener inside the CDP band is a warning: the gateway starts and status says so', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const foreign = await foreignListener(BASE + 20);
    try {
      const g = await started(running, gatewayOptions(main));
      assert.equal(g.runtime.base, BASE);
      const c = await GatewayClient.connect({ url: `ws://127.0.0.1:${BASE}/`, token: main.token });
      const st = await c.call<{ warnings: string[] }>('status');
      assert.deepEqual(st.warnings, [`port ${BASE + 20} in CDP band ${BASE + 11}–${BASE + 110} is in use; it will be skipped`]);
      await c.close();
    } finally {
      await foreign.stop();
    }
  });

  it('a port held by another instance is named by instance, not pid', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    await started(running, gatewayOptions(main));
    // "ghost" is configured elsewhere but told to run on main's canvas port: config overlap wins first.
    const ghost = await setupProfile(env.home, 'ghost', { gateway: { port: BASE + 600 } }, BASE + 4);
    await assert.rejects(startGateway(gatewayOptions(ghost)), (e: unknown) => {
      assert.ok(e instanceof PortConflictError);
      assert.equal(e.message, `cannot start gateway ghost: port ${BASE + 4} (gateway) is claimed by instance main (canvas ${BASE + 4})`);
      return true;
    });
  });

  it('a profile 20 ports above another overlaps its CDP band and is refused', async () => {
    await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const rescue = await setupProfile(env.home, 'rescue', { gateway: { port: BASE + 20 } });
    await assert.rejects(startGateway(gatewayOptions(rescue)), (e: unknown) => {
      assert.ok(e instanceof PortConflictError);
      assert.equal(e.message, `cannot start gateway rescue: port ${BASE + 20} (gateway) is claimed by instance main (CDP band ${BASE + 11}–${BASE + 110})`);
      return true;
    });
  });

  it('a port grabbed between the check and the bind: clean failure, nothing left bound, lock released', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    let grabbed: Server | undefined;
    // Runs after the preflight, before the canvas binds: takes B+4 as a racing process would.
    const racer: ClawportPlugin = {
      apiVersion: browserManifest.apiVersion,
      id: 'racer',
      start: async () => {
        grabbed = createServer();
        await new Promise<void>((r) => grabbed!.listen(BASE + 4, '127.0.0.1', () => r()));
        return { stop: () => Promise.resolve() };
      },
    };
    const [browser, canvas] = defaultPlugins();
    try {
      await assert.rejects(startGateway(gatewayOptions(main, { plugins: [browser, racer, canvas] })), (e: unknown) => {
        assert.ok(e instanceof PortConflictError, String(e));
        assert.match(e.message, new RegExp(`^cannot start gateway main: port ${BASE + 4} \\(canvas\\) is in use by pid ${process.pid} \\(`));
        return true;
      });
      // Only the racer's own socket remains.
      assert.deepEqual(await listeningPortsOf(process.pid, BASE, BASE + 110), [BASE + 4]);
      await assert.rejects(stat(join(main.instance.stateDir, 'gateway.lock')), { code: 'ENOENT' });
      await assert.rejects(stat(join(main.instance.stateDir, 'gateway.runtime.json')), { code: 'ENOENT' });
    } finally {
      await new Promise((r) => grabbed?.close(r));
    }
  });

  it('a plugin that throws in start is reported by id; the others keep running', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE } });
    const broken: ClawportPlugin = { apiVersion: browserManifest.apiVersion, id: 'broken', start: () => Promise.reject(new Error('cannot reach its backend')) };
    const g = await started(running, gatewayOptions(main, { plugins: [...defaultPlugins(), broken] }));
    assert.deepEqual(g.runtime.pluginErrors, [{ id: 'broken', message: 'cannot reach its backend' }]);
    assert.deepEqual(await listeningPortsOf(process.pid, BASE, BASE + 110), [BASE, BASE + 2, BASE + 4]);
    const rt = JSON.parse(await readFile(join(main.instance.stateDir, 'gateway.runtime.json'), 'utf8'));
    assert.deepEqual(rt.pluginErrors, [{ id: 'broken', message: 'cannot reach its backend' }]);
  });

  it('lan bind without auth is a config error (exit 78) before anything is touched', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: BASE, auth: { mode: 'none' } } });
    const before = await snapshot(main.instance.stateDir);
    await assert.rejects(startGateway(gatewayOptions(main, { bind: 'lan' })), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.exitCode, 78);
      return true;
    });
    assert.deepEqual(await snapshot(main.instance.stateDir), before);
  });
});
