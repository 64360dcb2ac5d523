import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson } from '../helpers/cli.js';

interface DoctorJson {
  ok: boolean;
  counts: { error: number; warning: number; info: number };
  findings: Array<{ severity: string; check: string; instance?: string; message: string }>;
  fixed: Array<{ kind: string; path: string }>;
}

describe('commands/doctor', () => {
  let home: string;
  beforeEach(async () => {
    home = await makeHome();
    for (const [p, port] of [['main', '23000'], ['rescue', '23212']]) assert.equal((await runCli(['--profile', p, 'setup', '--port', port], home)).code, 0);
  });
  afterEach(async () => removeHome(home));

  it('clean host: ok, exit 0', async () => {
    const { result, run } = await runJson<DoctorJson>(['doctor'], home);
    assert.deepEqual([run.code, result.ok, result.findings], [0, true, []]);
  });

  it('loose permissions and a stale lock are reported; --fix repairs them and the re-check is clean', async () => {
    const state = join(home, '.openclaw-main');
    await chmod(state, 0o755);
    await chmod(join(state, 'credentials', 'gateway.token'), 0o644);
    await writeFile(join(state, 'gateway.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, acquiredAt: 0 }));
    const { result, run } = await runJson<DoctorJson>(['doctor'], home);
    assert.equal(run.code, 1);
    assert.deepEqual(result.findings.map((f) => [f.severity, f.check, f.instance]), [
      ['error', 'files.permissions', 'main'],
      ['warning', 'files.permissions', 'main'],
      ['warning', 'state.staleLock', 'main'],
    ]);
    const fixed = await runJson<DoctorJson>(['doctor', '--fix'], home);
    assert.deepEqual([fixed.run.code, fixed.result.ok, fixed.result.findings, fixed.result.fixed.length], [0, true, [], 3]);
    assert.equal((await stat(state)).mode & 0o777, 0o700);
    await assert.rejects(stat(join(state, 'gateway.lock')));
  });

  it('--fix changes nothing under a state dir that is a link, or that a linked dir within the home holds; other repairs still run', async () => {
    // Found by a docs-only trial: the state dir's own chmod was refused, the config inside it was
    // chmodded at the link's target. rescue's dir moves out and a link takes its place.
    const target = join(home, 'elsewhere');
    await rename(join(home, '.openclaw-rescue'), target);
    await symlink(target, join(home, '.openclaw-rescue'));
    // A custom-path instance whose state dir sits in a linked dir inside the home.
    await mkdir(join(home, 'real-dirs'));
    await symlink(join(home, 'real-dirs'), join(home, 'dirs'));
    const custom = join(home, 'dirs', 'custom');
    assert.equal((await runCli(['setup', '--port', '23424'], home, { OPENCLAW_STATE_DIR: custom })).code, 0);
    for (const state of [target, join(home, 'real-dirs', 'custom'), join(home, '.openclaw-main')]) {
      await chmod(state, 0o755);
      await chmod(join(state, 'openclaw.json'), 0o644);
      await chmod(join(state, 'credentials', 'gateway.token'), 0o644);
      await writeFile(join(state, 'gateway.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, acquiredAt: 0 }));
    }
    const run = await runCli(['doctor', '--fix'], home);
    for (const state of [target, join(home, 'real-dirs', 'custom')]) {
      assert.equal((await stat(state)).mode & 0o777, 0o755, state);
      assert.equal((await stat(join(state, 'openclaw.json'))).mode & 0o777, 0o644, state);
      assert.equal((await stat(join(state, 'credentials', 'gateway.token'))).mode & 0o777, 0o644, state);
      await stat(join(state, 'gateway.lock'));
    }
    const warnings = run.stderr.split('\n').filter((l) => l.startsWith('warning: could not repair'));
    assert.deepEqual(warnings.map((l) => l.replace(/^.*: (\S+) is a symbolic link; clawport does not follow links inside state dirs.*$/, '$1')).sort(), [
      join(home, '.openclaw-rescue'),
      join(home, 'dirs'),
    ].sort(), run.stderr);
    assert.doesNotMatch(run.stdout, /fixed .*(rescue|dirs)/, run.stdout);
    const main = join(home, '.openclaw-main');
    assert.equal((await stat(main)).mode & 0o777, 0o700, run.stdout + run.stderr);
    assert.equal((await stat(join(main, 'openclaw.json'))).mode & 0o777, 0o600);
    await assert.rejects(stat(join(main, 'gateway.lock')));
  });

  it('a broken config and a shared pinned cdpUrl are errors naming the instances', async () => {
    // config set refuses the second pin (issue 14.3), so rescue's is written as an editor would.
    assert.equal((await runCli(['--profile', 'main', 'config', 'set', 'browser.cdpUrl', 'http://127.0.0.1:9222'], home)).code, 0);
    const refused = await runCli(['--profile', 'rescue', 'config', 'set', 'browser.cdpUrl', 'http://127.0.0.1:9222'], home);
    assert.equal(refused.code, 78, refused.stderr);
    const rescueConfig = join(home, '.openclaw-rescue', 'openclaw.json');
    await writeFile(rescueConfig, (await readFile(rescueConfig, 'utf8')).replace(/\{/, '{\n  browser: { cdpUrl: "http://127.0.0.1:9222" },'));
    await runCli(['--profile', 'x', 'setup', '--port', '23400'], home);
    await writeFile(join(home, '.openclaw-x', 'openclaw.json'), '{ nope');
    const { result, run } = await runJson<DoctorJson>(['doctor'], home);
    assert.equal(run.code, 1);
    const lines = result.findings.map((f) => `${f.check}: ${f.message}`);
    assert.ok(lines.includes('browser.cdpUrl.shared: main, rescue pin browser.cdpUrl to the same endpoint http://127.0.0.1:9222'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith(`config.invalid: ${join(home, '.openclaw-x', 'openclaw.json')}:1:`)), lines.join('\n'));
  });

  it('a config its gateway refuses to start on (lan without auth) is an error naming the instance, key and fix', async () => {
    const config = join(home, '.openclaw-rescue', 'openclaw.json');
    // config set refuses it, so it is written as an editor would.
    await writeFile(config, '{ gateway: { port: 23212, bind: "lan", auth: { mode: "none" } } }');
    const { result, run } = await runJson<DoctorJson>(['doctor'], home);
    assert.equal(run.code, 1);
    const found = result.findings.filter((f) => f.check === 'gateway.config');
    assert.deepEqual(found, [
      {
        severity: 'error',
        check: 'gateway.config',
        instance: 'rescue',
        message: 'rescue: gateway.bind "lan" with gateway.auth.mode "none" would serve this gateway beyond loopback without auth; its gateway refuses to start',
        fix: 'set gateway.auth.mode to "token", or set gateway.bind to "loopback"',
        file: config,
        keyPath: 'gateway.auth.mode',
      },
    ]);
  });
});

describe('commands/doctor: service files', () => {
  let home: string;
  before(async () => {
    home = await makeHome();
    assert.equal((await runCli(['--profile', 'main', 'setup', '--port', '23000'], home)).code, 0);
  });
  after(async () => removeHome(home));

  it('a systemd unit that runs another port than its profile is reported against its file', async () => {
    const dry = await runCli(['--profile', 'main', 'gateway', 'install', '--backend', 'systemd', '--dry-run'], home);
    assert.equal(dry.code, 0, dry.stderr);
    const unitPath = join(home, '.config', 'systemd', 'user', 'clawport-gateway-main.service');
    const unit = dry.stdout.split(`--- would write ${unitPath} (mode 0644)\n`)[1].split('\n--- ')[0];
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(home, '.config', 'systemd', 'user'), { recursive: true });
    await writeFile(unitPath, `${unit.replaceAll('23000', '23999')}\n`);
    const { result, run } = await runJson<DoctorJson>(['doctor'], home);
    assert.equal(run.code, 1, run.stdout);
    const about = result.findings.filter((f) => f.message.startsWith(`${unitPath}: `));
    assert.ok(about.length > 0 && about.every((f) => f.instance === 'main'), JSON.stringify(result.findings, null, 2));
    await writeFile(unitPath, `${unit}\n`);
    const clean = await runJson<DoctorJson>(['doctor'], home);
    assert.deepEqual([clean.run.code, clean.result.findings], [0, []]);
  });
});
