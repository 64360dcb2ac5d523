import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson, snapshot, startGateway } from '../../helpers/cli.js';

/** One line on stderr: what is wrong, where, what to do. */
function oneErrorLine(stderr: string): string {
  const lines = stderr.trim().split('\n').filter((l) => !l.startsWith('warning:'));
  assert.equal(lines.length, 1, `expected one error line, got:\n${stderr}`);
  return lines[0];
}

describe('gateway install: dry run, explicit paths, bad input (nothing half-written)', function () {
  this.timeout(60_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    for (const [profile, port] of [['main', '29700'], ['rescue', '29850']]) {
      const r = await runCli(['--profile', profile, 'setup', '--port', port], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => removeHome(home));

  it('--dry-run --backend systemd prints the whole unit and every command, and changes nothing', async () => {
    const before = await snapshot(home);
    const r = await runCli(['--profile', 'main', 'gateway', 'install', '--backend', 'systemd', '--dry-run'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^backend: systemd \(forced with --backend systemd\)$/m);
    assert.match(r.stdout, new RegExp(`--- would write ${home}/.config/systemd/user/clawport-gateway-main.service \\(mode 0644\\)`));
    assert.match(r.stdout, /^ExecStart=\S+node \S+\/packages\/cli\/bin\/run.js --profile main gateway --port 29700$/m);
    assert.match(r.stdout, /^RestartPreventExitStatus=78$/m);
    assert.match(r.stdout, /^WantedBy=default.target$/m);
    assert.match(r.stdout, new RegExp(`--- would write ${home}/.openclaw-main/service/gateway.env \\(mode 0600, only if missing\\)`));
    assert.match(r.stdout, /^--- would run: systemctl --user daemon-reload$/m);
    assert.match(r.stdout, /^--- would run: systemctl --user enable --now clawport-gateway-main.service$/m);
    assert.deepEqual(await snapshot(home), before);
  });

  it('the default instance: clawport-gateway.service, no --profile, its own port', async () => {
    const setup = await runCli(['setup', '--port', '30300'], home);
    assert.equal(setup.code, 0, setup.stderr);
    const r = await runCli(['gateway', 'install', '--backend', 'systemd', '--dry-run'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--- would write .*\/\.config\/systemd\/user\/clawport-gateway\.service /);
    assert.match(r.stdout, /^ExecStart=\S+ \S+\/bin\/run\.js gateway --port 30300$/m);
    assert.match(r.stdout, /^Environment="OPENCLAW_PROFILE=default"$/m);
  });

  for (const backend of ['launchd', 'schtasks', 'supervisor']) {
    it(`--dry-run renders --backend ${backend} on this OS too, writing nothing`, async () => {
      const before = await snapshot(home);
      const r = await runCli(['--profile', 'rescue', 'gateway', 'install', '--backend', backend, '--dry-run'], home);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /--profile[\s\S]*rescue[\s\S]*29850/);
      assert.deepEqual(await snapshot(home), before);
    });
  }

  it('an inherited OPENCLAW_STATE_DIR of main: --profile rescue install still points at the rescue paths, and says so', async () => {
    const mainDir = join(home, '.openclaw-main');
    const r = await runCli(['--profile', 'rescue', 'gateway', 'install', '--backend', 'systemd', '--dry-run'], home, {
      OPENCLAW_STATE_DIR: mainDir,
      OPENCLAW_CONFIG_PATH: join(mainDir, 'openclaw.json'),
      OPENCLAW_GATEWAY_PORT: '29700',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: ignoring inherited OPENCLAW_STATE_DIR=.*\.openclaw-main: --profile rescue uses .*\.openclaw-rescue/);
    assert.match(r.stdout, new RegExp(`Environment="OPENCLAW_STATE_DIR=${home}/.openclaw-rescue"`));
    assert.match(r.stdout, new RegExp(`Environment="OPENCLAW_CONFIG_PATH=${home}/.openclaw-rescue/openclaw.json"`));
    assert.match(r.stdout, /--profile rescue gateway --port 29850/);
    assert.doesNotMatch(r.stdout.split('\n').filter((l) => !l.startsWith('---')).join('\n'), /\.openclaw-main/);
  });

  const bad: Array<{ what: string; args: string[]; code: number; line: RegExp }> = [
    { what: 'unknown backend', args: ['--profile', 'main', 'gateway', 'install', '--backend', 'upstart'], code: 2, line: /^error: --backend: unknown service backend "upstart" \(use one of systemd, launchd, schtasks, supervisor\)$/ },
    { what: 'uninstall of a profile that has none', args: ['--profile', 'main', 'gateway', 'uninstall'], code: 1, line: /^error: profile main has no service installed \(install one: clawport --profile main gateway install\)$/ },
    { what: 'start of a profile that has none', args: ['--profile', 'main', 'gateway', 'start'], code: 1, line: /^error: profile main has no service installed \(install one: clawport --profile main gateway install\)$/ },
    { what: 'install for a profile that is not set up', args: ['--profile', 'ghost', 'gateway', 'install'], code: 78, line: /^error: profile ghost is not set up \(no .*\.openclaw-ghost\/openclaw.json\) \(run: clawport --profile ghost setup \(or onboard\) first\)$/ },
    { what: 'install with a bad --port', args: ['--profile', 'main', 'gateway', 'install', '--port', '80'], code: 78, line: /^error: --port: port 80 is outside 1024–65535/ },
    {
      what: 'systemd install where no systemd runs (the real systemctl refuses; files are rolled back)',
      args: ['--profile', 'main', 'gateway', 'install', '--backend', 'systemd'],
      code: 1,
      line: /^error: `systemctl --user daemon-reload` failed \(exit 1\): .+ \(choose another backend with --backend supervisor if no service manager runs here\)$/,
    },
  ];
  for (const row of bad) {
    it(`${row.what}: exit ${row.code}, one clear line, nothing written`, async () => {
      const before = await snapshot(home);
      const r = await runCli(row.args, home);
      assert.equal(r.code, row.code, `${r.stdout}\n${r.stderr}`);
      assert.match(oneErrorLine(r.stderr), row.line);
      assert.deepEqual(await snapshot(home), before);
    });
  }

  it('install over a foreign service under this profile\'s name: refused unless --force, nothing written', async () => {
    // A unit for rescue sitting where main's belongs (a hand copy gone wrong).
    const dry = await runCli(['--profile', 'rescue', 'gateway', 'install', '--backend', 'systemd', '--dry-run'], home);
    const unit = dry.stdout.split(/^--- .*$/m)[1].trim();
    const unitDir = join(home, '.config/systemd/user');
    await mkdir(unitDir, { recursive: true });
    await writeFile(join(unitDir, 'clawport-gateway-main.service'), `${unit}\n`);
    const before = await snapshot(home);
    const r = await runCli(['--profile', 'main', 'gateway', 'install', '--backend', 'systemd'], home);
    assert.equal(r.code, 1);
    assert.match(oneErrorLine(r.stderr), /^error: .*clawport-gateway-main.service already defines a service for another instance \(profile rescue, state dir .*\.openclaw-rescue\) \(uninstall that one first, or pass --force to replace it\)$/);
    assert.deepEqual(await snapshot(home), before);
  });

  it('start while a gateway of the profile runs outside its service: refused, one line, nothing started', async () => {
    const fg = await startGateway(['--profile', 'main', 'gateway'], home, join(home, '.openclaw-main'));
    try {
      assert.equal((await runCli(['--profile', 'main', 'gateway', 'install', '--backend', 'supervisor'], home)).code, 0);
      const r = await runCli(['--profile', 'main', 'gateway', 'start'], home);
      assert.equal(r.code, 1);
      assert.match(oneErrorLine(r.stderr), new RegExp(`^error: a gateway of main already runs outside its service \\(pid ${fg.child.pid}, port 29700\\) \\(stop it first`));
      assert.equal(existsSync(join(home, '.openclaw-main/service/supervisor.pid')), false, 'no supervisor was started');
      const { result } = await runJson<{ mismatches: Array<{ check: string }> }>(['--profile', 'main', 'gateway', 'status'], home);
      assert.ok(result.mismatches.some((m) => m.check === 'status.unmanaged'));
    } finally {
      await fg.stop();
      await runCli(['--profile', 'main', 'gateway', 'uninstall'], home);
    }
  });

  it('status names a service installed for port X while the config says Y, and the fix', async () => {
    const r = await runCli(['--profile', 'rescue', 'gateway', 'install', '--backend', 'supervisor'], home);
    assert.equal(r.code, 0, r.stderr);
    const config = join(home, '.openclaw-rescue/openclaw.json');
    await writeFile(config, (await readFile(config, 'utf8')).replace('29850', '30100'));
    const { result } = await runJson<{ mismatches: Array<{ check: string; message: string; fix: string }> }>(['--profile', 'rescue', 'gateway', 'status'], home);
    const port = result.mismatches.find((m) => m.check === 'service.port');
    assert.ok(port, JSON.stringify(result.mismatches));
    assert.match(port.message, /service runs port 29850 but the config says 30100/);
    assert.match(port.fix, /clawport --profile rescue gateway install --force/);
    const u = await runCli(['--profile', 'rescue', 'gateway', 'uninstall'], home);
    assert.equal(u.code, 0, u.stderr);
  });
  it('--port moves the profile: checked free, written to the config, and the service runs there (no drift)', async () => {
    const before = await snapshot(home);
    const bad = await runCli(['--profile', 'rescue', 'gateway', 'install', '--backend', 'supervisor', '--port', '29750'], home);
    assert.equal(bad.code, 2);
    assert.match(oneErrorLine(bad.stderr), /^error: --port 29750: .*overlaps main .*\(choose another base: clawport ports suggest\)$/);
    assert.deepEqual(await snapshot(home), before);
    const r = await runCli(['--profile', 'rescue', 'gateway', 'install', '--backend', 'supervisor', '--port', '30500'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /set gateway.port=30500 in .*\.openclaw-rescue\/openclaw.json/);
    assert.match(await readFile(join(home, '.openclaw-rescue/openclaw.json'), 'utf8'), /"port": 30500/);
    const { result } = await runJson<{ port: number; mismatches: Array<{ check: string }> }>(['--profile', 'rescue', 'gateway', 'status'], home);
    assert.equal(result.port, 30500);
    assert.deepEqual(result.mismatches.map((m) => m.check), ['status.stopped']);
    assert.equal((await runCli(['--profile', 'rescue', 'gateway', 'uninstall'], home)).code, 0);
  });
});
