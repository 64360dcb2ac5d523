import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { OpenClawConfig } from '@clawport/core';
import { BrowserError, NotFoundError, startBrowserService, type BrowserProfileInfo, type BrowserService, type BrowserStatus, type TabsResult } from '../src/index.js';
import { updateConfig } from '@clawport/core/node';
import { launchChromium, type LaunchedChromium } from '../src/chromium/launch.js';
import { fetchCdpVersion } from '../src/net/probe.js';
import { TEST_LOCKDOWN, makeInstance, rpc, tempHome, type TestInstance } from './helpers/context.js';
import { sandboxUnavailable } from '../src/chromium/flags.js';

// One instance `solo`: base 26000 → control 26002, CDP band 26011–26110. Outside any footprint: 26600–26601.
describe('browser profile lifecycle (remote attach, leftovers, delete)', function () {
  this.timeout(60_000);
  let home: Awaited<ReturnType<typeof tempHome>>;
  let solo: TestInstance;
  let service: BrowserService;
  const cleanups: Array<() => Promise<unknown>> = [];

  before(async () => {
    home = await tempHome();
    solo = await makeInstance(home.home, 'solo', 26000);
    // A silent endpoint is given up after this; a real Chrome on a loaded machine answers well within it.
    service = await startBrowserService(solo.ctx, { attachTimeoutMs: 3000 });
  });
  after(async () => {
    await service?.stop();
    for (const c of cleanups.reverse()) await c();
    await home?.cleanup();
  });

  it('attaches to a remote Chrome (cdpUrl) and leaves it running on stop', async () => {
    const outside: LaunchedChromium = await launchChromium({
      executable: '/usr/bin/chromium',
      port: 26600,
      userDataDir: `${home.home}/outside/user-data`,
      headless: true,
      timeoutMs: 20_000,
      noSandbox: sandboxUnavailable() !== undefined,
      extraArgs: TEST_LOCKDOWN,
    });
    cleanups.push(() => outside.stop());
    const created = await rpc(solo, 'POST', '/profiles/create', { name: 'remote', cdpUrl: 'http://127.0.0.1:26600' });
    assert.deepEqual([created.kind, created.cdpUrl, created.cdpPort], ['remote', 'http://127.0.0.1:26600', undefined]);
    const s = (await rpc(solo, 'POST', '/start', { profile: 'remote' })) as BrowserStatus;
    assert.deepEqual([s.running, s.kind, s.pid, s.cdpPort], [true, 'remote', undefined, undefined]);
    assert.match(s.version ?? '', /Chrome\/\d+/);
    const tab = await rpc(solo, 'POST', '/tabs/open', { profile: 'remote', url: 'about:blank' });
    const { tabs } = (await rpc(solo, 'GET', '/tabs?profile=remote')) as TabsResult;
    assert.ok(tabs.some((t) => t.id === tab.id));
    const stopped = (await rpc(solo, 'POST', '/stop', { profile: 'remote' })) as BrowserStatus;
    assert.equal(stopped.running, false);
    assert.equal(outside.hasExited(), false, 'a remote Chrome is never closed by us');
    assert.ok(await fetchCdpVersion('http://127.0.0.1:26600', 2000));
  });

  it('gives up attaching to a silent endpoint after the attach timeout', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => void sockets.add(s));
    await new Promise<void>((r) => silent.listen(26601, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => {
      for (const s of sockets) s.destroy();
      silent.close(r);
    }));
    // With a password in the URL (a remote Chrome behind basic auth): every answer and message shows the
    // endpoint without it.
    const created = await rpc(solo, 'POST', '/profiles/create', { name: 'silent', cdpUrl: 'http://ops:Silent-Pw@127.0.0.1:26601' });
    assert.equal(created.cdpUrl, 'http://ops:<redacted>@127.0.0.1:26601');
    await assert.rejects(rpc(solo, 'POST', '/start', { profile: 'silent' }), (e: unknown) => {
      assert.ok(e instanceof BrowserError);
      assert.equal(e.message, 'browser profile silent: no CDP endpoint answered at http://ops:<redacted>@127.0.0.1:26601 within 3000 ms');
      return true;
    });
    const status = await rpc(solo, 'GET', '/?profile=silent');
    assert.deepEqual([status.running, status.cdpUrl], [false, 'http://ops:<redacted>@127.0.0.1:26601']);
    const { profiles } = (await rpc(solo, 'GET', '/profiles')) as { profiles: Array<{ name: string; cdpUrl?: string }> };
    assert.equal(profiles.find((p) => p.name === 'silent')?.cdpUrl, 'http://ops:<redacted>@127.0.0.1:26601');
  });

  it('stops a Chromium an earlier (killed) gateway left on the profile, then starts on the same port', async () => {
    const userDataDir = `${solo.ctx.instance.stateDir}/browser/openclaw/user-data`;
    const leftover = await launchChromium({
      executable: '/usr/bin/chromium',
      port: 26011,
      userDataDir,
      headless: true,
      timeoutMs: 20_000,
      noSandbox: sandboxUnavailable() !== undefined,
      extraArgs: TEST_LOCKDOWN,
    });
    cleanups.push(() => leftover.stop());
    assert.ok(existsSync(`${solo.ctx.instance.stateDir}/browser/openclaw/chromium.pid`));
    const s = (await rpc(solo, 'POST', '/start')) as BrowserStatus;
    assert.equal(s.running, true);
    assert.equal(s.cdpPort, 26011);
    assert.notEqual(s.pid, leftover.pid);
    await leftover.exited;
    assert.ok(solo.logs.some((l) => l.level === 'warn' && /left running by an earlier gateway/.test(l.msg)));
    const pidFile = JSON.parse(readFileSync(`${solo.ctx.instance.stateDir}/browser/openclaw/chromium.pid`, 'utf8'));
    assert.deepEqual(pidFile, { pid: s.pid, port: 26011 });
    await rpc(solo, 'POST', '/stop');
    assert.equal(existsSync(`${solo.ctx.instance.stateDir}/browser/openclaw/chromium.pid`), false);
  });

  it('deletes a created profile from config; the implicit default cannot be deleted', async () => {
    await rpc(solo, 'POST', '/profiles/create', { name: 'tmp', headless: true, color: '#FF4500' });
    const read = () => (JSON.parse(readFileSync(solo.ctx.instance.configPath, 'utf8')) as OpenClawConfig).browser!.profiles!;
    // 26011 stays reserved for the implicit default profile that ran on it; the next free one is 26012.
    assert.deepEqual(read().tmp, { cdpPort: 26012, headless: true, color: '#FF4500' });
    assert.deepEqual(await rpc(solo, 'DELETE', '/profiles/tmp'), {
      deleted: 'tmp',
      userDataDir: `${solo.ctx.instance.stateDir}/browser/tmp/user-data`,
    });
    assert.equal(read().tmp, undefined);
    assert.deepEqual(Object.keys(read()).sort(), ['remote', 'silent']);
    await assert.rejects(rpc(solo, 'DELETE', '/profiles/openclaw'), NotFoundError);
    await assert.rejects(rpc(solo, 'POST', '/profiles/create', { name: 'remote' }), /browser profile remote already exists/);
  });

  it('sees profiles written to the config after the gateway started (claimed in config = skipped)', async () => {
    await updateConfig(solo.ctx.instance.configPath, (raw) => {
      const browser = raw.browser as { profiles: Record<string, unknown> };
      browser.profiles.handmade = { cdpPort: 26012 };
      return raw;
    });
    const next = (await rpc(solo, 'POST', '/profiles/create', { name: 'next' })) as BrowserProfileInfo;
    assert.equal(next.cdpPort, 26013);
    await assert.rejects(rpc(solo, 'POST', '/profiles/create', { name: 'handmade' }), /browser profile handmade already exists/);
    await assert.rejects(rpc(solo, 'POST', '/profiles/create', { name: 'dup', cdpPort: 26012 }), /CDP port 26012 is already used/);
  });
});
