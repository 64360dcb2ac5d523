import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { BrowserProfileInfo, BrowserStatus, TabInfo, TabsResult } from '@clawport/browser/client';
import { makeHome, removeHome, runCli, runJson, startGateway, type LiveProcess } from '../../helpers/cli.js';

// Real gateways with the browser plugin and real Chromium, driven through the CLI only.
// main:   base 26300 → browser control 26302, CDP band 26311–26410
// rescue: base 26420, browser.controlPort 26440 (custom) → CDP band 26449–26548
const MAIN = 26300;
const RESCUE = 26420;
const RESCUE_CONTROL = 26440;
const RESOLVER_BLOCK = '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1';

describe('commands/browser (two gateways, real Chromium, through browser.request)', function () {
  this.timeout(120_000);
  let home: string;
  let gateways: LiveProcess[] = [];
  let pages: Server;
  let pageUrl: (who: string) => string;

  before(async () => {
    home = await makeHome();
    pages = createServer((req, res) => {
      const who = new URL(req.url ?? '/', 'http://x').searchParams.get('who')?.replace(/\W/g, '') ?? 'page';
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<title>${who}</title><body style="background:#0a0">${who}</body>`);
    });
    await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
    const pagePort = (pages.address() as { port: number }).port;
    pageUrl = (who) => `http://127.0.0.1:${pagePort}/?who=${who}`;
    for (const [p, port] of [['main', MAIN], ['rescue', RESCUE]] as const) {
      const r = await runCli(['--profile', p, 'setup', '--port', String(port)], home);
      assert.equal(r.code, 0, r.stderr);
    }
    const set = await runCli(['--profile', 'rescue', 'config', 'set', 'browser.controlPort', String(RESCUE_CONTROL)], home);
    assert.equal(set.code, 0, set.stderr);
    // The test's own lock-down (product defaults keep real DNS): no lookup leaves loopback.
    for (const p of ['main', 'rescue']) {
      const lock = await runCli(['--profile', p, 'config', 'set', 'browser.extraArgs', JSON.stringify([RESOLVER_BLOCK])], home);
      assert.equal(lock.code, 0, lock.stderr);
    }
    gateways = await Promise.all(
      ['main', 'rescue'].map((p) => startGateway(['--profile', p, 'gateway'], home, join(home, `.openclaw-${p}`))),
    );
  });
  after(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await new Promise((r) => pages?.close(r));
    if (home) await removeHome(home);
  });

  it('status before start: not running, control port from the instance (custom one honoured)', async () => {
    for (const [p, control] of [['main', MAIN + 2], ['rescue', RESCUE_CONTROL]] as const) {
      const { result, run } = await runJson<BrowserStatus>(['--profile', p, 'browser', 'status'], home);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual([result.enabled, result.running, result.profile, result.controlPort], [true, false, 'openclaw', control]);
    }
  });

  it('starts both at the same time, each on its own band', async () => {
    const [m, r] = await Promise.all([
      runJson<BrowserStatus>(['--profile', 'main', 'browser', 'start'], home),
      runJson<BrowserStatus>(['browser', 'start', '--profile', 'rescue'], home),
    ]);
    assert.equal(m.run.code, 0, m.run.stderr);
    assert.equal(r.run.code, 0, r.run.stderr);
    assert.deepEqual([m.result.running, m.result.cdpPort], [true, MAIN + 11]);
    assert.deepEqual([r.result.running, r.result.cdpPort], [true, RESCUE_CONTROL + 9]);
    const human = await runCli(['--profile', 'rescue', 'browser', 'status'], home);
    assert.match(human.stdout, new RegExp(`rescue browser profile openclaw \\(local\\): running \\(pid ${r.result.pid}\\)`));
    assert.match(human.stdout, new RegExp(`cdp +127\\.0\\.0\\.1:${RESCUE_CONTROL + 9}`));
  });

  it("open + tabs: each instance lists only its own tabs", async () => {
    const a = await runJson<TabInfo>(['--profile', 'main', 'browser', 'open', pageUrl('maintab')], home);
    const b = await runJson<TabInfo>(['--profile', 'rescue', 'browser', 'open', pageUrl('rescuetab')], home);
    assert.equal(a.run.code, 0, a.run.stderr);
    assert.equal(a.result.title, 'maintab');
    const mt = (await runJson<TabsResult>(['--profile', 'main', 'browser', 'tabs'], home)).result.tabs.map((t) => t.title);
    const rt = (await runJson<TabsResult>(['--profile', 'rescue', 'browser', 'tabs'], home)).result.tabs.map((t) => t.title);
    assert.ok(mt.includes('maintab') && !mt.includes('rescuetab'), mt.join());
    assert.ok(rt.includes('rescuetab') && !rt.includes('maintab'), rt.join());
    assert.equal(b.result.title, 'rescuetab');
  });

  it('screenshot --out writes a real PNG', async () => {
    const out = join(home, 'shot.png');
    const r = await runCli(['--profile', 'rescue', 'browser', 'screenshot', '--out', out], home);
    assert.equal(r.code, 0, r.stderr);
    const png = await readFile(out);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1280, 800]);
    assert.match(r.stdout, /1280×800 PNG of "rescuetab"/);
  });

  it('create-profile takes the next free band port and saves it; profiles lists it', async () => {
    const c = await runJson<BrowserProfileInfo>(['--profile', 'main', 'browser', 'create-profile', 'work'], home);
    assert.equal(c.run.code, 0, c.run.stderr);
    assert.equal(c.result.cdpPort, MAIN + 12);
    const config = JSON.parse(await readFile(join(home, '.openclaw-main', 'openclaw.json'), 'utf8')) as { browser: { profiles: Record<string, unknown> } };
    assert.deepEqual(config.browser.profiles.work, { cdpPort: MAIN + 12 });
    const list = (await runJson<BrowserProfileInfo[]>(['--profile', 'main', 'browser', 'profiles'], home)).result;
    assert.deepEqual(list.map((p) => `${p.name}:${p.cdpPort}:${p.running}`), [`openclaw:${MAIN + 11}:true`, `work:${MAIN + 12}:false`]);
  });

  const refusals: Array<[string, string[], number, RegExp]> = [
    ['--cdp-port with --cdp-url', ['create-profile', 'x', '--cdp-port', '26320', '--cdp-url', 'http://127.0.0.1:9222'], 2, /cannot also be provided|--cdp-url/],
    ['a cdpUrl into rescue\'s band', ['create-profile', 'spy', '--cdp-url', `http://127.0.0.1:${RESCUE_CONTROL + 20}`], 1, /CDP port 26460 belongs to instance rescue \(rescue CDP band 26449–26548 \(browser\.controlPort\)\)/],
    ['a cdp port outside the band', ['create-profile', 'far', '--cdp-port', '26200'], 2, /outside this instance's CDP band 26311–26410/],
    ['an unknown browser profile', ['status', '--browser-profile', 'ghost'], 1, /no browser profile ghost \(list them with: clawport --profile main browser profiles/],
    ['a profile that is not running', ['screenshot', '--browser-profile', 'work'], 1, /browser profile work is not running/],
    ['a file: URL', ['open', 'file:///etc/passwd'], 2, /url scheme file: is not allowed/],
  ];
  for (const [what, args, code, message] of refusals) {
    it(`refuses ${what} with one line and exit ${code}`, async () => {
      const r = await runCli(['--profile', 'main', 'browser', ...args], home);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    });
  }

  it('stop: not running any more', async () => {
    const r = await runJson<BrowserStatus>(['--profile', 'main', 'browser', 'stop'], home);
    assert.equal(r.run.code, 0, r.run.stderr);
    assert.equal(r.result.running, false);
    assert.equal((await runJson<BrowserStatus>(['--profile', 'main', 'browser', 'status'], home)).result.running, false);
  });

  it('delete-profile removes it from config; deleting it again is an error', async () => {
    const d = await runJson<{ deleted: string }>(['--profile', 'main', 'browser', 'delete-profile', 'work'], home);
    assert.equal(d.run.code, 0, d.run.stderr);
    const config = JSON.parse(await readFile(join(home, '.openclaw-main', 'openclaw.json'), 'utf8')) as { browser: { profiles: Record<string, unknown> } };
    assert.equal(config.browser.profiles.work, undefined);
    const again = await runCli(['--profile', 'main', 'browser', 'delete-profile', 'work'], home);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /no browser profile work/);
  });

  it('says so when the gateway is not running', async () => {
    const r = await runCli(['--profile', 'nobody', 'browser', 'status'], home);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot reach the gateway of nobody/);
  });
});
