import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { PortConflictError } from '@clawport/core';
import { canBind } from '@clawport/core/node';
import { BrowserNotRunningError, ForeignCdpError, browserPlugin, type BrowserProfileInfo, type BrowserService, type BrowserStatus } from '../src/index.js';
import { TEST_LOCKDOWN, makeInstance, rpc, tempHome, type TestInstance } from './helpers/context.js';
import { inspectPng } from './helpers/png.js';
import { eventually, fakeCdp, groupMembers, listenersOfGroup, pageServer, zombieChildren } from './helpers/proc.js';

// Real Chromium (/usr/bin/chromium), two instances side by side:
// main   base 25000 → control 25002, CDP band 25011–25110
// rescue base 25200 → control 25202, CDP band 25211–25310
describe('browser profiles on real Chromium (main + rescue)', function () {
  this.timeout(60_000);
  let home: Awaited<ReturnType<typeof tempHome>>;
  let main: TestInstance;
  let rescue: TestInstance;
  const services: BrowserService[] = [];
  let pages: Awaited<ReturnType<typeof pageServer>>;

  before(async () => {
    assert.ok(existsSync('/usr/bin/chromium'), '/usr/bin/chromium is required (apt-get install chromium)');
    home = await tempHome();
    pages = await pageServer();
    main = await makeInstance(home.home, 'main', 25000, {}, () => [{ instance: 'rescue', claims: rescue.claims }]);
    rescue = await makeInstance(home.home, 'rescue', 25200, {}, () => [{ instance: 'main', claims: main.claims }]);
    for (const inst of [main, rescue]) services.push((await browserPlugin.start!(inst.ctx)) as BrowserService);
  });
  after(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await pages?.close();
    await home?.cleanup();
  });

  it('starts a browser profile in each instance at the same time, each on its own band', async () => {
    const [m, r]: BrowserStatus[] = await Promise.all([rpc(main, 'POST', '/start'), rpc(rescue, 'POST', '/start')]);
    for (const [inst, s, port] of [[main, m, 25011], [rescue, r, 25211]] as const) {
      assert.equal(s.running, true);
      assert.equal(s.kind, 'local');
      assert.equal(s.cdpPort, port);
      assert.equal(s.controlPort, inst.controlPort);
      assert.match(s.version ?? '', /^(Headless)?Chrome\/\d+\./);
      assert.equal(s.executable, '/usr/bin/chromium');
      assert.equal(s.userDataDir, `${inst.ctx.instance.stateDir}/browser/openclaw/user-data`);
      assert.ok(existsSync(s.userDataDir));
      // Every port the whole Chromium process group listens on is loopback and inside its own band.
      const listeners = await listenersOfGroup(s.pid!);
      assert.deepEqual(listeners, [{ address: '127.0.0.1', port }]);
    }
  });

  it('launched with the product defaults plus only the lock-down the test set in browser.extraArgs (issue 12 item 12)', async () => {
    const st: BrowserStatus = await rpc(main, 'GET', '/status');
    const argv = readFileSync(`/proc/${st.pid}/cmdline`, 'utf8').split('\0');
    assert.deepEqual(argv.filter((a) => a.startsWith('--host-resolver-rules')), [...TEST_LOCKDOWN], 'the resolver rule comes from the config only');
    const root = process.getuid?.() === 0;
    assert.equal(argv.includes('--no-sandbox'), root, 'no sandbox only where it cannot work (root)');
    const warnings = main.logs.filter((l) => l.level === 'warn' && /without its sandbox/.test(l.msg)).map((l) => l.msg);
    assert.deepEqual(warnings, root ? ['launching Chromium without its sandbox: the gateway runs as root, where Chromium cannot sandbox itself (run the gateway as a normal user, and leave browser.noSandbox unset, to keep it)'] : []);
    // and it works here: a local page loads
    const tab = await rpc(main, 'POST', '/tabs/open', { url: pages.url('defaults', '00ff00') });
    assert.equal(tab.title, 'defaults');
    await rpc(main, 'DELETE', `/tabs/${tab.id}`);
  });

  it("lists only each instance's own tabs", async () => {
    const a = await rpc(main, 'POST', '/tabs/open', { url: pages.url('main-tab', 'ff0000') });
    const b = await rpc(rescue, 'POST', '/tabs/open', { url: pages.url('rescue-tab', '0000ff') });
    assert.equal(a.profile, 'openclaw');
    assert.equal(a.title, 'main-tab');
    const mainTabs = (await rpc(main, 'GET', '/tabs')).tabs as Array<{ id: string; title: string }>;
    const rescueTabs = (await rpc(rescue, 'GET', '/tabs')).tabs as Array<{ id: string; title: string }>;
    assert.ok(mainTabs.some((t) => t.id === a.id && t.title === 'main-tab'));
    assert.ok(rescueTabs.some((t) => t.id === b.id && t.title === 'rescue-tab'));
    assert.ok(!mainTabs.some((t) => t.title === 'rescue-tab' || t.id === b.id));
    assert.ok(!rescueTabs.some((t) => t.title === 'main-tab' || t.id === a.id));
    assert.equal((await rpc(main, 'GET', '/status')).tabs, mainTabs.length);
  });

  it('takes real PNG screenshots of the page served on loopback', async () => {
    for (const [inst, who, rgb] of [[main, 'main-tab', [255, 0, 0]], [rescue, 'rescue-tab', [0, 0, 255]]] as const) {
      const shot = await rpc(inst, 'POST', '/screenshot', {});
      assert.equal(shot.format, 'png');
      assert.equal(shot.tab.title, who);
      const png = inspectPng(Buffer.from(shot.data as string, 'base64'));
      assert.deepEqual([png.width, png.height], [shot.width, shot.height]);
      assert.deepEqual([png.width, png.height], [1280, 800]);
      assert.deepEqual(png.topLeft, rgb);
    }
  });

  it('navigates and closes a tab by id', async () => {
    const opened = await rpc(main, 'POST', '/tabs/open', { url: 'about:blank' });
    const moved = await rpc(main, 'POST', '/navigate', { targetId: opened.id, url: pages.url('moved', '00ff00') });
    assert.equal(moved.id, opened.id);
    assert.equal(moved.title, 'moved');
    assert.deepEqual(await rpc(main, 'DELETE', `/tabs/${opened.id}`), { profile: 'openclaw', closed: opened.id });
    const tabs = (await rpc(main, 'GET', '/tabs')).tabs as Array<{ id: string }>;
    assert.ok(!tabs.some((t) => t.id === opened.id));
  });

  it('skips a foreign listener on the next band port and persists the new profile', async () => {
    // A foreign process that hangs up on whoever connects (not a CDP endpoint).
    const foreign: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => foreign.listen(25012, '127.0.0.1', r));
    try {
      const created = await rpc(main, 'POST', '/profiles/create', { name: 'work' });
      assert.equal(created.cdpPort, 25013);
      const onDisk = JSON.parse(readFileSync(main.ctx.instance.configPath, 'utf8'));
      assert.deepEqual(onDisk.browser.profiles.work, { cdpPort: 25013 });
      await assert.rejects(rpc(main, 'POST', '/profiles/create', { name: 'pinned', cdpPort: 25012 }), (e: unknown) => {
        assert.ok(e instanceof PortConflictError);
        assert.match(e.message, new RegExp(`CDP port 25012 is in use by pid ${process.pid}`));
        return true;
      });
      await assert.rejects(rpc(main, 'POST', '/profiles/create', { name: 'far', cdpPort: 25500 }), /outside this instance's CDP band 25011–25110/);
    } finally {
      await new Promise((r) => foreign.close(r));
    }
    const work = (await rpc(main, 'POST', '/start', { profile: 'work' })) as BrowserStatus;
    assert.equal(work.cdpPort, 25013);
    assert.deepEqual(await listenersOfGroup(work.pid!), [{ address: '127.0.0.1', port: 25013 }]);
    const { profiles } = (await rpc(main, 'GET', '/profiles')) as { profiles: BrowserProfileInfo[] };
    const names = profiles.map((p) => `${p.name}:${p.running}`);
    assert.deepEqual(names, ['openclaw:true', 'work:true']);
    await rpc(main, 'POST', '/stop', { profile: 'work' });
    assert.ok(await canBind(25013), 'stop released the CDP port');
  });

  it("refuses to attach to a CDP endpoint on another instance's band, naming it", async () => {
    const fake = await fakeCdp(25250);
    try {
      await assert.rejects(rpc(main, 'POST', '/profiles/create', { name: 'intruder', cdpUrl: 'http://127.0.0.1:25250' }), (e: unknown) => {
        assert.ok(e instanceof ForeignCdpError);
        assert.equal(e.owner, 'rescue');
        assert.match(e.message, /CDP port 25250 belongs to instance rescue \(rescue CDP band 25211–25310\)/);
        return true;
      });
      assert.equal(fake.hits(), 0, 'the foreign endpoint was never even asked');
    } finally {
      await fake.close();
    }
  });

  it('every host form is resolved before "local or foreign": an IPv4-mapped IPv6 cdpUrl is refused too (issue 16 #5)', async () => {
    const fake = await fakeCdp(25251);
    try {
      for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::1]', '127.0.0.2']) {
        await assert.rejects(rpc(main, 'POST', '/profiles/create', { name: 'intruder', cdpUrl: `http://${host}:25251` }), (e: unknown) => {
          assert.ok(e instanceof ForeignCdpError, host);
          assert.equal(e.owner, 'rescue');
          return true;
        });
      }
      assert.equal(fake.hits(), 0, 'the foreign endpoint was never even asked');
    } finally {
      await fake.close();
    }
  });

  it("a tab never opens another instance's ports (its CDP /json/list, its control service), whatever the host form (issue 16 #9)", async () => {
    const fake = await fakeCdp(25252);
    try {
      const urls = ['http://127.0.0.1:25252/json/list', 'http://[::ffff:127.0.0.1]:25252/json/list', 'http://localhost:25202/', `http://127.0.0.1:${rescue.controlPort}/tabs`];
      for (const url of urls) {
        await assert.rejects(rpc(main, 'POST', '/tabs/open', { url }), (e: unknown) => {
          assert.ok(e instanceof ForeignCdpError, url);
          assert.equal(e.owner, 'rescue');
          assert.match(e.message, /is port \d+ of instance rescue/);
          return true;
        });
        await assert.rejects(rpc(main, 'POST', '/navigate', { url }), ForeignCdpError);
      }
      assert.equal(fake.hits(), 0);
      // its own pages are fine
      assert.equal((await rpc(main, 'POST', '/tabs/open', { url: pages.url('still-fine', '00ff00') })).title, 'still-fine');
    } finally {
      await fake.close();
    }
  });

  it('says so when a port of our band answers CDP but was not launched by us', async () => {
    const fake = await fakeCdp(25100);
    try {
      await assert.rejects(rpc(main, 'POST', '/profiles/create', { name: 'stray', cdpPort: 25100 }), (e: unknown) => {
        assert.ok(e instanceof ForeignCdpError);
        assert.match(e.message, /port 25100 answers CDP \(FakeChrome\/1\.0, pid \d+\) but this gateway did not launch it/);
        return true;
      });
    } finally {
      await fake.close();
    }
  });

  it('status of a stopped profile names a CDP endpoint on its port that we did not launch; start refuses it', async () => {
    const fake = await fakeCdp(25013);
    try {
      const s = (await rpc(main, 'GET', '/?profile=work')) as BrowserStatus;
      assert.equal(s.running, false);
      assert.equal(s.note, 'port 25013 answers CDP (FakeChrome/1.0) but this gateway did not launch it');
      await assert.rejects(rpc(main, 'POST', '/start', { profile: 'work' }), ForeignCdpError);
    } finally {
      await fake.close();
    }
  });

  it('after Chromium is SIGKILLed: not running, no zombies, and start works again', async () => {
    const before = (await rpc(rescue, 'GET', '/status')) as BrowserStatus;
    assert.equal(before.running, true);
    process.kill(before.pid!, 'SIGKILL');
    const after = await eventually('rescue status says not running', async () => {
      const s = (await rpc(rescue, 'GET', '/status')) as BrowserStatus;
      return s.running ? undefined : s;
    });
    assert.equal(after.pid, undefined);
    assert.equal(after.cdpPort, 25211);
    assert.ok(rescue.logs.some((l) => l.level === 'warn' && l.msg === 'browser profile went away'));
    await eventually('the killed group is gone', async () => (await groupMembers(before.pid!)).length === 0);
    assert.deepEqual(await zombieChildren(), []);
    await assert.rejects(rpc(rescue, 'POST', '/screenshot', {}), BrowserNotRunningError);
    const again = (await rpc(rescue, 'POST', '/start')) as BrowserStatus;
    assert.equal(again.running, true);
    assert.equal(again.cdpPort, 25211);
    assert.notEqual(again.pid, before.pid);
    const tab = await rpc(rescue, 'POST', '/tabs/open', { url: pages.url('reborn', '123456') });
    assert.equal(tab.title, 'reborn');
  });

  it('stops a profile: process reaped, port released', async () => {
    const s = (await rpc(main, 'GET', '/status')) as BrowserStatus;
    const stopped = (await rpc(main, 'POST', '/stop')) as BrowserStatus;
    assert.equal(stopped.running, false);
    assert.equal(existsSync(`/proc/${s.pid}`), false);
    assert.ok(await canBind(25011));
    assert.deepEqual(await zombieChildren(), []);
  });
});
