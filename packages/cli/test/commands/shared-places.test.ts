import assert from 'node:assert/strict';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readRuntime } from '@clawport/core/node';
import { makeHome, removeHome, runCli, startCli, waitFor } from '../helpers/cli.js';

/**
 * Issue 14.3: what two instances must never share (a workspace, a state dir used as a workspace, one
 * pinned remote Chrome) is refused by config set and by gateway start, in one line, nothing written.
 * Found by a docs-only trial: `config set agents.defaults.workspace ~/.openclaw-rescue` was accepted
 * and main then started writing into rescue's state dir.
 */
describe('config set and gateway start refuse what two instances must never share', function () {
  this.timeout(120_000);
  let home: string;
  const mainConfig = () => join(home, '.openclaw-main', 'openclaw.json');
  before(async () => {
    home = await makeHome();
    for (const [profile, port] of [['main', '21800'], ['rescue', '22000']]) {
      const r = await runCli(['--profile', profile, 'setup', '--port', port], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => removeHome(home));

  const refusals: Array<[string, (h: string) => string[], RegExp]> = [
    ["rescue's state dir as main's workspace", (h) => ['agents.defaults.workspace', join(h, '.openclaw-rescue')], /would share the state dir .*\.openclaw-rescue \(as its workspace\) with instance rescue; nothing was written/],
    ["rescue's workspace", (h) => ['agents.defaults.workspace', join(h, '.openclaw', 'workspace-rescue')], /would share the workspace .*workspace-rescue with instance rescue; nothing was written/],
    ["the remote Chrome rescue pins", () => ['browser.cdpUrl', 'http://ops:Pw-1@10.0.0.5:9222'], /would share the Chrome at http:\/\/10\.0\.0\.5:9222 \(its browser\.cdpUrl\) with instance rescue; nothing was written/],
    // Found by a docs-only trial: a browser profile reaching the Chrome rescue pins (spelled another way) was accepted, and doctor then called it an error.
    ["a browser profile on the Chrome rescue pins", () => ['browser.profiles.w.cdpUrl', 'ws://ops:Pw-1@10.0.0.5:9222/devtools/browser/abc'], /would share the Chrome at http:\/\/10\.0\.0\.5:9222 \(its browser\.cdpUrl\) with instance rescue; nothing was written/],
  ];
  for (const [what, kv, message] of refusals) {
    it(`config set refuses ${what}`, async () => {
      if (kv(home)[0] === 'browser.cdpUrl') assert.equal((await runCli(['--profile', 'rescue', 'config', 'set', ...kv(home)], home)).code, 0);
      const before = await readFile(mainConfig(), 'utf8');
      const r = await runCli(['--profile', 'main', 'config', 'set', ...kv(home)], home);
      assert.equal(r.code, 78, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.ok(!r.stderr.includes('Pw-1'));
      assert.equal(await readFile(mainConfig(), 'utf8'), before, 'nothing was written');
    });
  }

  it('a place shared already (written in an editor) does not block an unrelated key; gateway start refuses it unless overridden', async () => {
    const text = (await readFile(mainConfig(), 'utf8')).replace(/\{/, `{\n  agents: { defaults: { workspace: ${JSON.stringify(join(home, '.openclaw', 'workspace-rescue'))} } },`);
    await writeFile(mainConfig(), text);
    const unrelated = await runCli(['--profile', 'main', 'config', 'set', 'logging.level', 'debug'], home);
    assert.equal(unrelated.code, 0, unrelated.stderr);

    const refused = await runCli(['--profile', 'main', 'gateway'], home);
    assert.equal(refused.code, 78, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /cannot start gateway main: it would share the workspace .*workspace-rescue with instance rescue \(agents\.defaults\.workspace\)/);
    assert.match(refused.stderr, /OPENCLAW_ALLOW_SHARED_PLACES=1/);
    assert.equal(await readRuntime(join(home, '.openclaw-main')), undefined);

    const forced = startCli(['--profile', 'main', 'gateway'], home, { OPENCLAW_ALLOW_SHARED_PLACES: '1' });
    try {
      await waitFor('main running despite the shared workspace', () => readRuntime(join(home, '.openclaw-main')), 60_000, () => forced.output());
      // Over RPC with main's own token, the same check: a new place shared is refused, nothing written.
      const before = await readFile(mainConfig(), 'utf8');
      const patch = { patch: { agents: { defaults: { workspace: join(home, '.openclaw-rescue') } } } };
      const rpc = await runCli(['--profile', 'main', 'gateway', 'call', 'config.patch', '--params', JSON.stringify(patch)], home);
      assert.notEqual(rpc.code, 0, rpc.stdout);
      assert.match(rpc.stderr, /would share the state dir .*\.openclaw-rescue \(as its workspace\) with instance rescue; nothing was written/);
      assert.equal(await readFile(mainConfig(), 'utf8'), before);
    } finally {
      await forced.stop();
    }
  });
});

describe('browser create-profile passes the config edit check (found by a docs-only trial)', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    for (const [profile, port] of [['main', '22600'], ['rescue', '22800']]) {
      const r = await runCli(['--profile', profile, 'setup', '--port', port], home);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'set', 'browser.cdpUrl', 'http://ops:Pw-1@10.0.0.5:9222'], home)).code, 0);
  });
  after(() => removeHome(home));

  it("a profile on the Chrome rescue pins is refused with nothing written; another remote Chrome is created", async () => {
    const gateway = startCli(['--profile', 'main', 'gateway'], home);
    try {
      await waitFor('main running', () => readRuntime(join(home, '.openclaw-main')), 60_000, () => gateway.output());
      const config = join(home, '.openclaw-main', 'openclaw.json');
      const before = await readFile(config, 'utf8');
      const refused = await runCli(['--profile', 'main', 'browser', 'create-profile', 'r5', '--cdp-url', 'http://eve:Q-2@10.0.0.5:9222'], home);
      assert.notEqual(refused.code, 0, refused.stdout);
      assert.match(refused.stderr, /would share the Chrome at http:\/\/10\.0\.0\.5:9222 \(its browser\.cdpUrl\) with instance rescue; nothing was written/);
      assert.ok(!/Q-2|Pw-1/.test(refused.stdout + refused.stderr), refused.stderr);
      assert.equal(await readFile(config, 'utf8'), before, 'nothing was written');
      const created = await runCli(['--profile', 'main', 'browser', 'create-profile', 'r6', '--cdp-url', 'http://10.0.0.6:9222'], home);
      assert.equal(created.code, 0, created.stderr);
      assert.match(await readFile(config, 'utf8'), /10\.0\.0\.6:9222/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('doctor sees a config linked to another instance\'s (found by a docs-only trial)', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    for (const [profile, port] of [['main', '22200'], ['rescue', '22400']]) {
      const r = await runCli(['--profile', profile, 'setup', '--port', port], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => removeHome(home));

  // Since d2f8240 no config is read through a link: main's link is itself the error, naming what it points to.
  it("main linked to rescue's config: an error on main naming the link and rescue's config", async () => {
    const mine = join(home, '.openclaw-main', 'openclaw.json');
    await rm(mine);
    await symlink(join(home, '.openclaw-rescue', 'openclaw.json'), mine);
    const r = await runCli(['doctor', '--json'], home);
    assert.equal(r.code, 1, r.stderr);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ severity: string; instance?: string; message: string }> }).findings;
    assert.ok(
      findings.some((f) => f.severity === 'error' && f.instance === 'main' && f.message.startsWith(`${mine} is a symbolic link (to ${join(home, '.openclaw-rescue', 'openclaw.json')})`)),
      JSON.stringify(findings, null, 1),
    );
  });
});
