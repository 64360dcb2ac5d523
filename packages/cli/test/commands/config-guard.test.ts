import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, snapshot, startGateway, type LiveProcess } from '../helpers/cli.js';

/** `config set|unset` run core's one config-edit check (checkConfigEdit): host-wide footprint, bind/auth. */
describe('commands/config: the edit check is host-wide (issue 12 item 5)', () => {
  let home: string;
  let gateway: LiveProcess | undefined;
  const main = 23000;
  beforeEach(async () => {
    home = await makeHome();
    for (const [profile, port] of [['main', main], ['rescue', 23500]] as const) {
      const r = await runCli(['--profile', profile, 'setup', '--port', String(port)], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
    await removeHome(home);
  });

  async function refused(args: string[], code: number, line: RegExp): Promise<void> {
    const before = await snapshot(home);
    const r = await runCli(['--profile', 'rescue', 'config', ...args], home);
    assert.equal(r.code, code, r.stderr);
    assert.match(r.stderr, line);
    assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
    assert.deepEqual(await snapshot(home), before, 'nothing written (config, last-good, no lock left)');
  }

  it('set refuses a base that overlaps a stopped instance, naming it and the key; exit 1, nothing written', async () => {
    await refused(
      ['set', 'gateway.port', String(main + 20)],
      1,
      /^error: gateway\.port: rescue's gateway 23020 would overlap instance main's CDP band 23011–23110 \(and 3 more overlaps\); nothing was written \(choose a base whose whole footprint is free: clawport --profile rescue ports suggest\)\n$/,
    );
    await refused(
      ['set', 'browser.profiles.work.cdpPort', String(main + 4)],
      1,
      /^error: browser\.profiles\.work\.cdpPort: rescue's CDP port \(work\) 23004 \(browser\.profiles\.work\.cdpPort\) would overlap instance main's canvas 23004; nothing was written \(set browser\.profiles\.work\.cdpPort to a port outside instance main's footprint\)\n$/,
    );
  });

  it("set refuses an overlap with a running gateway's published plugin claim; unset back onto it too", async () => {
    // main runs with a third-party plugin claiming B+150: known to rescue's edit from main's runtime file only.
    const plugin = join(home, 'side.mjs');
    await writeFile(
      plugin,
      "export default { apiVersion: 1, id: 'side', claims: () => [{ id: 'side', role: 'side port', from: 'base', offset: 150, bind: 'loopback' }], start: () => ({ stop() {} }) };\n",
    );
    assert.equal((await runCli(['--profile', 'main', 'config', 'set', 'plugins.load', JSON.stringify([plugin])], home)).code, 0);
    gateway = await startGateway(['--profile', 'main', 'gateway'], home, join(home, '.openclaw-main'));
    await refused(
      ['set', 'gateway.port', String(main + 150 - 4)],
      1,
      /^error: gateway\.port: rescue's canvas 23150 would overlap instance main's side port 23150; nothing was written/,
    );
    // rescue at the default base: unsetting its explicit port moves it there, onto nothing of main's: fine
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'unset', 'gateway.port'], home)).code, 0);
    // main's gateway.port removed would put main at 18789: rescue's base moved there first makes the unset refuse
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'set', 'gateway.port', '18800'], home)).code, 0);
    const before = await snapshot(home);
    const r = await runCli(['--profile', 'main', 'config', 'unset', 'gateway.port'], home);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^error: gateway\.port: main's .* would overlap instance rescue's .*; nothing was written/);
    assert.deepEqual(await snapshot(home), before);
  });

  it('set refuses serving beyond loopback without auth; exit 78, nothing written', async () => {
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'set', 'gateway.bind', 'lan'], home)).code, 0);
    await refused(
      ['set', 'gateway.auth.mode', 'none'],
      78,
      /^error: gateway\.auth\.mode: gateway\.bind "lan" with gateway\.auth\.mode "none" would serve this gateway beyond loopback without auth; nothing was written \(set gateway\.auth\.mode to "token", or set gateway\.bind to "loopback"\)\n$/,
    );
  });

  it('an overlap that was there before the edit is not its doing: a warning, and the edit is written', async () => {
    // main's file moved onto rescue by hand (outside any check), then rescue edits an unrelated key
    await writeFile(join(home, '.openclaw-main', 'openclaw.json'), JSON.stringify({ gateway: { port: 23480 } }));
    const r = await runCli(['--profile', 'rescue', 'config', 'set', 'logging.level', 'debug'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /already overlaps .* \(not changed by this edit\)/);
  });
});
