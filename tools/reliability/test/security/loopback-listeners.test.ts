import assert from 'node:assert/strict';
import { GatewayClient } from '@clawport/gateway/client';
import { readRuntime } from '@clawport/core/node';
import { makeHome, ok, removeHome, runCli, type LiveProcess } from '../helpers/cli.js';
import { pathsOf, setupProfile, startGatewayCli } from '../helpers/instance.js';
import { listeningIn, listenersOf, pidsInGroup } from '../helpers/sockets.js';
import { PORTS } from '../helpers/ports.js';

const MAIN = PORTS.loopbackMain;
const RESCUE = PORTS.loopbackRescue;

describe('security: every listener of running gateways (main + rescue, one browser) is on 127.0.0.1', function () {
  this.timeout(120_000);
  let home: string;
  let main: LiveProcess | undefined;
  let rescue: LiveProcess | undefined;
  let client: GatewayClient | undefined;
  before(async () => {
    home = await makeHome();
  });
  after(async () => {
    await client?.call('browser.request', { method: 'POST', path: '/stop' }).catch(() => undefined);
    await client?.close();
    await main?.stop();
    await rescue?.stop();
    await removeHome(home);
  });

  it('socket table: gateway, browser control, canvas and CDP listeners all bind 127.0.0.1', async () => {
    const token = await setupProfile(home, 'main', MAIN);
    await setupProfile(home, 'rescue', RESCUE);
    // main launches a Chromium: the test's own lock-down keeps every lookup on loopback (product default: real DNS)
    ok(await runCli(['--profile', 'main', 'config', 'set', 'browser.extraArgs', JSON.stringify(['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1'])], home), 'browser lock-down');
    main = await startGatewayCli(home, 'main', MAIN);
    rescue = await startGatewayCli(home, 'rescue', RESCUE);
    client = await GatewayClient.connect({ url: `ws://127.0.0.1:${MAIN}/`, token });
    const browser = await client.call<{ running: boolean; pid?: number; cdpPort?: number }>('browser.request', { method: 'POST', path: '/start' }, 60_000);
    assert.ok(browser.running && browser.pid && browser.cdpPort, `browser did not start: ${JSON.stringify(browser)}`);

    const pids = [main.child.pid!, rescue.child.pid!, ...(await pidsInGroup(browser.pid))];
    const listeners = await listenersOf(pids);
    const ports = new Set(listeners.map((l) => l.port));
    for (const p of [MAIN, MAIN + 2, MAIN + 4, browser.cdpPort, RESCUE, RESCUE + 2, RESCUE + 4]) {
      assert.ok(ports.has(p), `nothing listens on ${p}: the check would prove nothing (${[...ports].join(', ')})`);
    }
    const wide = listeners.filter((l) => l.address !== '127.0.0.1');
    assert.deepEqual(wide, [], `listeners beyond loopback: ${JSON.stringify(wide)}`);
    // And from the other side: everything listening in both footprints is ours and on loopback.
    for (const l of [...(await listeningIn(MAIN, MAIN + 110)), ...(await listeningIn(RESCUE, RESCUE + 110))]) {
      assert.equal(l.address, '127.0.0.1', `port ${l.port} listens on ${l.address}`);
    }
    // The runtime files (what status and the editor read) say the same.
    for (const profile of ['main', 'rescue']) {
      const rt = await readRuntime(pathsOf(home, profile).stateDir);
      assert.ok(rt && rt.ports.length >= 3);
      for (const p of rt.ports) assert.equal(p.host, '127.0.0.1', `${profile} ${p.role} host ${p.host}`);
    }
  });

  it('gateway.bind=lan with auth mode none is refused before anything binds (exit 78)', async () => {
    const base = PORTS.portRace; // that file's block is free by now; nothing may bind here anyway
    await setupProfile(home, 'open', base);
    ok(await runCli(['--profile', 'open', 'config', 'set', 'gateway.auth.mode', 'none'], home), 'auth none');
    const r = await runCli(['--profile', 'open', 'gateway', '--bind', 'lan'], home);
    assert.equal(r.code, 78, r.stderr);
    assert.match(r.stderr, /^error: .*(auth|token)/im);
    assert.deepEqual(await listeningIn(base, base + 110), []);
  });
});
