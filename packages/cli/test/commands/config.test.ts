import assert from 'node:assert/strict';
import { lstat, mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson, snapshot } from '../helpers/cli.js';

describe('commands/config', () => {
  let home: string;
  let file: string;
  beforeEach(async () => {
    home = await makeHome();
    file = join(home, '.openclaw-main', 'openclaw.json');
    const r = await runCli(['--profile', 'main', 'setup', '--port', '23000'], home);
    assert.equal(r.code, 0, r.stderr);
  });
  afterEach(async () => removeHome(home));

  it('20 concurrent `config set` processes on different keys: all 20 values present', async () => {
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => runCli(['--profile', 'main', 'config', 'set', `agents.defaults.k${i}`, String(i)], home)),
    );
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const config = JSON.parse(await readFile(file, 'utf8')) as { gateway: unknown; agents: { defaults: Record<string, number> } };
    assert.deepEqual(config.agents.defaults, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])));
    assert.deepEqual(config.gateway, { port: 23000 });
  });

  const refused: Array<[string, string[], number, RegExp]> = [
    // Nothing was written, so the line says so and what to give instead (not "fix the value, then validate").
    ['a string for a port', ['gateway.port', 'abc'], 78, /^error: .*openclaw\.json: gateway\.port: Invalid input: expected number, received string \(nothing was written; give a number\)\n$/],
    ['a browser profile name with a space', ['browser.profiles."bad name".cdpPort', '23050'], 78, /^error: .*openclaw\.json: browser\.profiles\."bad name": invalid key: browser profile names use A–Z a–z 0–9 _ - \(nothing was written; give a key with the characters above\)\n$/],
    // Watch targets are profile names, by core's one profile-name rule.
    ['a watch target that is a path', ['watch.targets', '["../etc"]'], 78, /^error: .*openclaw\.json: watch\.targets\[0\]: watch targets are profile names: 1–64 characters from A–Z a–z 0–9 _ -, starting with a letter or digit \(nothing was written; give a value of the form above\)\n$/],
    ['an upstream-only bind mode on the built-in engine', ['gateway.bind', 'tailnet'], 78, /^error: gateway\.bind: gateway\.bind "tailnet" is upstream OpenClaw's; the built-in gateway binds loopback or lan; nothing was written \(set gateway\.bind to "loopback" or "lan"\)\n$/],
    ['a port below 1024', ['gateway.port', '80'], 78, /^error: .*openclaw\.json: gateway\.port: ports below 1024 need root/],
    ['a base whose CDP band passes 65535', ['gateway.port', '65500'], 78, /^error: gateway\.port: base 65500 puts its footprint at 65500–65610, past 65535 \(choose a base ≤ 65425, or run: clawport ports suggest\)\n$/],
    ['a wrong-typed boolean', ['browser.enabled', '"yes"'], 78, /^error: .*: browser\.enabled: Invalid input: expected boolean, received string/],
    ['a bind mode nobody knows', ['gateway.bind', 'wan'], 78, /^error: .*: gateway\.bind: Invalid option: expected one of "loopback"\|"lan"\|"tailnet"\|"auto"\|"custom"/],
    ['a key below a scalar', ['gateway.port.x', '1'], 2, /^error: cannot set gateway\.port\.x: port is not an object \(unset port first\)\n$/],
    ['a reserved key name', ['__proto__.x', '1'], 2, /^error: invalid config key "__proto__\.x" \(that key name is reserved\)\n$/],
  ];
  for (const [name, args, code, stderr] of refused) {
    it(`config set refuses ${name}: exit ${code}, one line, nothing written`, async () => {
      const before = await snapshot(home);
      const r = await runCli(['--profile', 'main', 'config', 'set', ...args], home);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, stderr);
      assert.equal(r.stderr.split('\n').length, 2, 'one line');
      assert.deepEqual(await snapshot(home), before);
    });
  }

  it('get redacts secrets; set keeps the previous config for rollback; unset removes', async () => {
    const set = await runCli(['--profile', 'main', 'config', 'set', 'gateway.auth.token', 'a-very-secret-token-value'], home);
    assert.equal(set.code, 0, set.stderr);
    assert.ok(!set.stdout.includes('a-very-secret'), set.stdout);
    const whole = await runJson<{ value: { gateway: { auth: { token: string } } } }>(['--profile', 'main', 'config', 'get'], home);
    assert.equal(whole.result.value.gateway.auth.token, '<redacted>');
    assert.ok(!whole.run.stdout.includes('a-very-secret'));
    const one = await runCli(['--profile', 'main', 'config', 'get', 'gateway.auth'], home);
    assert.ok(!one.stdout.includes('a-very-secret') && one.stdout.includes('<redacted>'), one.stdout);

    assert.equal((await runCli(['--profile', 'main', 'config', 'unset', 'gateway.auth'], home)).code, 0);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { gateway: { port: 23000 } });
    const rb = await runCli(['--profile', 'main', 'config', 'rollback'], home);
    assert.equal(rb.code, 0, rb.stderr);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { gateway: { port: 23000, auth: { token: 'a-very-secret-token-value' } } });
    // Again: nothing left to roll back, said so; the config the first rollback replaced stays kept.
    const again = await runCli(['--profile', 'main', 'config', 'rollback'], home);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /already is the previous good config; nothing was changed/);
    assert.deepEqual(JSON.parse(await readFile(`${file}.rolled-back`, 'utf8')), { gateway: { port: 23000 } });
  });

  it('set and get never print a secret: authorization and cookie keys, or a secret nested in an object value', async () => {
    const sets: Array<[string, string]> = [
      ['plugins.entries.x.authorization', 'Bearer sk-live-aaaaaaaaaaaa'],
      ['plugins.entries.x.headers.Cookie', 'session=cccccccccccccccc'],
      ['plugins.entries.y', '{ apiKey: "dddddddddddddddd", port: 1 }'],
    ];
    for (const [key, value] of sets) {
      const r = await runCli(['--profile', 'main', 'config', 'set', key, value], home);
      assert.equal(r.code, 0, r.stderr);
      for (const secret of ['sk-live-aaaa', 'cccccccc', 'dddddddd']) assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `set ${key}: ${r.stdout}`);
      assert.match(r.stdout, /<redacted>/);
    }
    for (const args of [['config', 'get'], ['config', 'get', '--json'], ['config', 'get', 'plugins.entries.x'], ['config', 'get', 'plugins.entries.x.authorization']]) {
      const r = await runCli(['--profile', 'main', ...args], home);
      assert.equal(r.code, 0, r.stderr);
      for (const secret of ['sk-live-aaaa', 'cccccccc', 'dddddddd']) assert.ok(!r.stdout.includes(secret), `${args.join(' ')}: ${r.stdout}`);
    }
  });

  it('validate refuses what the gateway refuses to start on (one rule, core gatewayConfigRefusal): exit 78, one line with file, key and fix', async () => {
    const cases: Array<[string, string, string]> = [
      ['{ gateway: { port: 23000, bind: "lan", auth: { mode: "none" } } }', 'gateway.bind "lan" with gateway.auth.mode "none" would serve this gateway beyond loopback without auth', 'set gateway.auth.mode to "token", or set gateway.bind to "loopback"'],
      ['{ gateway: { port: 23000, bind: "tailnet" } }', 'gateway.bind "tailnet" is upstream OpenClaw\'s; the built-in gateway binds loopback or lan', 'set gateway.bind to "loopback" or "lan"'],
      ['{ gateway: { port: 23000, auth: { mode: "password" } } }', 'gateway.auth.mode "password" is upstream OpenClaw\'s; the built-in gateway authenticates with a token', 'set gateway.auth.mode to "token"'],
    ];
    for (const [text, message, fix] of cases) {
      await writeFile(file, text);
      const r = await runCli(['--profile', 'main', 'config', 'validate'], home);
      assert.equal(r.code, 78, r.stderr);
      assert.equal(r.stderr, `error: ${file}: ${message} (${fix})\n`);
      // The gateway refuses the same config at start, for the same reason (its fix may add --bind loopback).
      const gw = await runCli(['--profile', 'main', 'gateway'], home);
      assert.equal(gw.code, 78, gw.stderr);
      assert.ok(gw.stderr.startsWith(`error: ${message} (${fix}`), gw.stderr);
    }
    // On upstream's engine its own modes are upstream's to judge; beyond loopback without auth is refused on any engine.
    await writeFile(join(home, '.openclaw-main', 'clawport.json'), JSON.stringify({ engine: 'openclaw' }));
    await writeFile(file, '{ gateway: { port: 23000, bind: "tailnet", auth: { mode: "password" } } }');
    const upstream = await runCli(['--profile', 'main', 'config', 'validate'], home);
    assert.equal(upstream.code, 0, upstream.stderr);
    await writeFile(file, '{ gateway: { port: 23000, bind: "lan", auth: { mode: "none" } } }');
    assert.equal((await runCli(['--profile', 'main', 'config', 'validate'], home)).code, 78);
  });

  it('a plugin that cannot be found: set and validate both warn with the same line, exit 0 (the gateway runs without it)', async () => {
    const set = await runCli(['--profile', 'main', 'config', 'set', 'plugins.load', '["./nope.js"]'], home);
    assert.equal(set.code, 0, set.stderr);
    const line = `warning: ${file}: plugins.load: plugin ./nope.js: cannot be found`;
    assert.ok(set.stderr.startsWith(line), set.stderr);
    const validate = await runCli(['--profile', 'main', 'config', 'validate'], home);
    assert.equal(validate.code, 0, validate.stderr);
    assert.ok(validate.stderr.startsWith(line), validate.stderr);
    assert.match(validate.stderr, /\(the gateway will run without it\)\n$/);
    assert.equal(validate.stdout, `ok: ${file}\n`);
  });

  it('validate: ok on a good file; malformed JSON5 is exit 78 with file:line:col and rollback repairs it', async () => {
    const ok = await runJson<{ ok: boolean }>(['--profile', 'main', 'config', 'validate'], home);
    assert.deepEqual([ok.run.code, ok.result.ok], [0, true]);
    await runCli(['--profile', 'main', 'config', 'set', 'agents.defaults.x', '1'], home);
    await writeFile(file, '{ gateway: { port: 23000 ');
    const bad = await runCli(['--profile', 'main', 'config', 'validate'], home);
    assert.equal(bad.code, 78);
    assert.match(bad.stderr, new RegExp(`^error: ${file}:1:\\d+: not valid JSON5: .*\\(fix the syntax, or restore the last good config with: clawport config rollback\\)\\n$`));
    const set = await runCli(['--profile', 'main', 'config', 'set', 'agents.defaults.y', '2'], home);
    assert.equal(set.code, 78, 'a broken file is never overwritten by set');
    assert.equal(await readFile(file, 'utf8'), '{ gateway: { port: 23000 ');
    assert.equal((await runCli(['--profile', 'main', 'config', 'rollback'], home)).code, 0);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { gateway: { port: 23000 } });
  });

  it('get of an unset key: exit 1 with what to do', async () => {
    const r = await runCli(['--profile', 'main', 'config', 'get', 'canvasHost.port'], home);
    assert.deepEqual([r.code, r.stderr], [1, `error: canvasHost.port is not set in ${file} (set it with: clawport config set canvasHost.port VALUE)\n`]);
  });

  it('a config file that is a symbolic link is neither read nor replaced: one line naming the link and its target; OPENCLAW_CONFIG_PATH uses the file where it is', async () => {
    // Found by a docs-only trial: reads followed the link, `config set` replaced it with a regular
    // file (the link silently gone, its target unchanged: a dotfiles setup lost its edits).
    await mkdir(join(home, 'dotfiles'));
    const target = join(home, 'dotfiles', 'openclaw.json');
    await rename(file, target);
    await symlink(target, file);
    const before = await snapshot(home);
    const line = `error: ${file} is a symbolic link (to ${target}); clawport neither reads nor writes a config through a link (replace the link with the file; to keep the file where it is, remove the link and set OPENCLAW_CONFIG_PATH=${target} (with OPENCLAW_STATE_DIR=the state dir in place of --profile))\n`;
    for (const args of [['config', 'set', 'logging.level', 'debug'], ['config', 'get', 'gateway.port'], ['config', 'validate'], ['config', 'rollback'], ['status'], ['gateway']]) {
      const r = await runCli(['--profile', 'main', ...args], home);
      assert.deepEqual([r.code, r.stderr], [1, line], args.join(' '));
    }
    assert.ok((await lstat(file)).isSymbolicLink(), 'the link is kept');
    assert.deepEqual(await snapshot(home), before, 'nothing written');
    const all = await runJson<Array<{ name: string; configError?: string }>>(['status', '--all'], home);
    assert.equal(all.run.code, 0);
    assert.equal(all.result.find((i) => i.name === 'main')?.configError, line.slice('error: '.length, -1));
    // The file used where it is, on purpose.
    const env = { OPENCLAW_STATE_DIR: join(home, '.openclaw-main'), OPENCLAW_CONFIG_PATH: target };
    assert.equal((await runCli(['config', 'set', 'logging.level', 'debug'], home, env)).code, 0);
    assert.match(await readFile(target, 'utf8'), /debug/);
  });
});
