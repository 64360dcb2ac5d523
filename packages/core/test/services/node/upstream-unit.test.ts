import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceError } from '../../../src/errors.js';
import { auditInstalledServices, fixInstalledService } from '../../../src/node/services/audit-installed.js';
import { installService } from '../../../src/node/services/install.js';
import { findUpstreamServices } from '../../../src/node/services/upstream-file.js';
import { RecordingRunner } from '../../../src/node/services/runner.js';
import { readInstalledService } from '../../../src/services/installed.js';
import { serviceSpec } from '../../../src/services/spec.js';
import { upstreamBackupPath, upstreamService } from '../../../src/services/upstream.js';
import { COMMAND, instanceFor } from '../fixtures.js';

const FIXTURE = fileURLToPath(new URL('../../../../../tools/fixtures/upstream/openclaw-gateway-main.service', import.meta.url));

describe('node/services: a unit upstream OpenClaw installed for the same profile', function () {
  this.timeout(60_000);
  let home: string;
  let unit: string;
  let text: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'clawport-upstream-unit-'));
    const dir = join(home, '.config/systemd/user');
    mkdirSync(dir, { recursive: true });
    unit = join(dir, 'openclaw-gateway-main.service');
    // ExecStart must name a file that exists for systemd-analyze verify; the package.json above it is
    // where 2026.9.x's unit (no version variable any more) tells its version.
    const pkg = join(home, '.npm-global/lib/node_modules/openclaw');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'dist/index.js'), '');
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'openclaw', version: '2026.9.6' }));
    text = readFileSync(FIXTURE, 'utf8').replaceAll('__HOME__', home).replaceAll('__NODE_BIN__', dirname(process.execPath)).replaceAll('__NODE__', process.execPath);
    writeFileSync(unit, text, { mode: 0o644 });
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  const spec = () => serviceSpec(instanceFor('main', 19100, {}, home), COMMAND);

  it('the fixture (rendered by upstream 2026.9.6’s own code) is a valid unit (systemd-analyze verify) and reads as upstream’s; 2026.9.x writes no version variable', () => {
    const r = spawnSync('/usr/bin/systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    assert.equal(r.error, undefined, 'systemd-analyze must be installed (Debian package systemd)');
    assert.equal(`${r.stdout}${r.stderr}`.trim(), '');
    assert.equal(r.status, 0);
    assert.deepEqual(upstreamService(readInstalledService('systemd', text, unit)), { engine: 'openclaw', version: undefined, kind: 'gateway' });
  });

  it('findUpstreamServices: the unit is upstream’s for profile main, version from its package; none for another profile; an unmarked file is not upstream’s', async () => {
    assert.deepEqual(await findUpstreamServices(instanceFor('main', 19100, {}, home)), [{ backend: 'systemd', file: unit, engine: 'openclaw', version: '2026.9.6' }]);
    assert.deepEqual(await findUpstreamServices(instanceFor('other', 19300, {}, home)), []);
    writeFileSync(unit, text.replace('Environment=OPENCLAW_SERVICE_MARKER=openclaw\n', ''));
    assert.deepEqual(await findUpstreamServices(instanceFor('main', 19100, {}, home)), []);
  });

  it('older upstream releases said their version in the unit (variable or Description): that wins over the package', async () => {
    writeFileSync(unit, text.replace('Description=OpenClaw Gateway (profile: main)', 'Description=OpenClaw Gateway (profile: main, v2026.3.1)'));
    assert.equal((await findUpstreamServices(instanceFor('main', 19100, {}, home)))[0].version, '2026.3.1');
    writeFileSync(unit, `${text.replace('[Install]', 'Environment=OPENCLAW_SERVICE_VERSION=2026.2.0\n\n[Install]')}`);
    assert.equal((await findUpstreamServices(instanceFor('main', 19100, {}, home)))[0].version, '2026.2.0');
  });

  it('install writes our own clawport-gateway-main.service beside it and leaves upstream’s unit byte-for-byte', async () => {
    const report = await installService({ backend: 'systemd', spec: spec(), runner: new RecordingRunner() });
    assert.equal(report.service, 'clawport-gateway-main.service');
    assert.equal(readFileSync(unit, 'utf8'), text);
    assert.ok(existsSync(join(home, '.config/systemd/user/clawport-gateway-main.service')));
    assert.ok(report.hints.some((h) => h.includes(`upstream OpenClaw's ${unit} also runs profile main`)), report.hints.join('\n'));
  });

  it('doctor shows it as upstream’s (info: backend, engine openclaw, version) and --fix leaves it and installs nothing', async () => {
    const instance = instanceFor('main', 19100, {}, home);
    const audits = await auditInstalledServices(instance, COMMAND);
    assert.deepEqual(audits.flatMap((a) => a.findings.map((f) => [f.severity, f.check, f.message])), [
      ['info', 'service.upstream', `${unit}: upstream OpenClaw's systemd service for profile main (engine openclaw 2026.9.6); Clawport leaves it alone`],
    ]);
    const runner = new RecordingRunner();
    assert.deepEqual(await fixInstalledService(audits[0], instance, COMMAND, runner), []);
    assert.deepEqual(runner.commands, []);
    assert.equal(readFileSync(unit, 'utf8'), text);
    assert.ok(!existsSync(join(home, '.openclaw-main')));
  });

  // Names differ now; the marker guard stays for a file of upstream's found under our name anyway.
  it('a file with upstream’s marker under our name: install (and its dry run) refuses without --force, one line, nothing written', async () => {
    const ours = join(home, '.config/systemd/user/clawport-gateway-main.service');
    writeFileSync(ours, text);
    unit = ours;
    for (const dryRun of [true, false]) {
      const runner = new RecordingRunner();
      await assert.rejects(installService({ backend: 'systemd', spec: spec(), runner, dryRun }), (e: unknown) => {
        assert.ok(e instanceof ServiceError);
        assert.equal(e.toLine(), `${unit} is upstream OpenClaw's gateway service (openclaw 2026.9.6); Clawport never replaces it (leave it, or pass --force to replace it (it is kept as ${unit}.openclaw-backup))`);
        return true;
      });
      assert.deepEqual(runner.commands, [], 'no systemctl command ran');
    }
    assert.equal(readFileSync(unit, 'utf8'), text);
    assert.ok(!existsSync(upstreamBackupPath(unit)));
    assert.ok(!existsSync(join(home, '.openclaw-main')), 'no manifest or env file either');
    assert.equal(readFileSync(join(home, '.config/systemd/user/openclaw-gateway-main.service'), 'utf8'), text);
  });

  it('--force replaces a file with upstream’s marker under our name and keeps it as a 0600 backup, byte-for-byte; what it writes verifies', async () => {
    unit = join(home, '.config/systemd/user/clawport-gateway-main.service');
    writeFileSync(unit, text);
    const script = join(home, 'run.js'); // ExecStart must name files that exist for systemd-analyze verify
    writeFileSync(script, '');
    const real = serviceSpec(instanceFor('main', 19100, {}, home), { node: process.execPath, script });
    const report = await installService({ backend: 'systemd', spec: real, runner: new RecordingRunner(), force: true });
    const r = spawnSync('/usr/bin/systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    assert.equal(`${r.stdout}${r.stderr}`.trim(), '');
    assert.equal(r.status, 0);
    assert.ok(report.hints.some((h) => h.includes('.openclaw-backup')), report.hints.join('\n'));
    assert.equal(readFileSync(upstreamBackupPath(unit), 'utf8'), text);
    assert.equal(statSync(upstreamBackupPath(unit)).mode & 0o777, 0o600);
    assert.equal(upstreamService(readInstalledService('systemd', readFileSync(unit, 'utf8'), unit)), undefined, 'the new unit is ours');
  });
});
