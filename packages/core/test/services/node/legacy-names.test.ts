import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditInstalledServices, fixInstalledService } from '../../../src/node/services/audit-installed.js';
import { installService, legacySpec, uninstallService } from '../../../src/node/services/install.js';
import { RecordingRunner } from '../../../src/node/services/runner.js';
import { serviceSpec } from '../../../src/services/spec.js';
import { renderSystemdUnit } from '../../../src/services/systemd.js';
import { COMMAND, instanceFor } from '../fixtures.js';

/**
 * Clawport's units were named like upstream's (openclaw-gateway-P.service) before they got their own
 * (clawport-gateway-P.service): an install from then is found by doctor and moved by `gateway install`.
 */
describe('node/services: units installed under the old (upstream-shared) names', () => {
  let home: string;
  let unitDir: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'clawport-legacy-'));
    unitDir = join(home, '.config/systemd/user');
    mkdirSync(unitDir, { recursive: true });
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  const spec = () => serviceSpec(instanceFor('main', 29100, {}, home), COMMAND);
  const oldUnit = () => join(unitDir, 'openclaw-gateway-main.service');
  const newUnit = () => join(unitDir, 'clawport-gateway-main.service');
  /** What an older Clawport wrote: our unit, under upstream's name. */
  const writeOld = () => writeFileSync(oldUnit(), renderSystemdUnit(legacySpec(spec())));

  it('the new unit verifies with systemd-analyze under its new name', async () => {
    const script = join(home, 'run.js'); // ExecStart must name files that exist
    writeFileSync(script, '');
    const real = serviceSpec(instanceFor('main', 29100, {}, home), { node: process.execPath, script });
    await installService({ backend: 'systemd', spec: real, runner: new RecordingRunner() });
    const r = spawnSync('/usr/bin/systemd-analyze', ['verify', newUnit()], { encoding: 'utf8' });
    assert.equal(r.error, undefined, 'systemd-analyze must be installed (Debian package systemd)');
    assert.equal(r.status, 0, r.stderr);
  });

  it('doctor finds our unit under the old name and says reinstalling moves it; doctor --fix moves it', async () => {
    writeOld();
    const audits = await auditInstalledServices(instanceFor('main', 29100, {}, home), COMMAND);
    const legacy = audits.find((a) => a.file === oldUnit());
    assert.ok(legacy, JSON.stringify(audits));
    assert.deepEqual(legacy.findings.map((f) => [f.severity, f.check]), [['warning', 'service.legacyName']]);
    assert.match(legacy.findings[0].message, /installed under the old name, which upstream OpenClaw also uses; reinstalling moves it to .*clawport-gateway-main\.service/);
    assert.equal(legacy.findings[0].fix, 'clawport --profile main gateway install (or: clawport doctor --fix)');
    const runner = new RecordingRunner();
    await fixInstalledService(legacy, instanceFor('main', 29100, {}, home), COMMAND, runner);
    assert.ok(!existsSync(oldUnit()));
    assert.ok(existsSync(newUnit()));
    assert.deepEqual(await auditInstalledServices(instanceFor('main', 29100, {}, home), COMMAND).then((a) => a.flatMap((x) => x.findings)), []);
  });

  it('install unregisters and removes the old unit, then installs the new one (dry run: says so, changes nothing)', async () => {
    writeOld();
    const dry = await installService({ backend: 'systemd', spec: spec(), runner: new RecordingRunner(), dryRun: true });
    assert.ok(dry.hints.some((h) => h.startsWith(`moving this profile's service from its old name ${oldUnit()}`)), dry.hints.join('\n'));
    assert.ok(existsSync(oldUnit()));
    const runner = new RecordingRunner();
    const report = await installService({ backend: 'systemd', spec: spec(), runner });
    assert.equal(report.service, 'clawport-gateway-main.service');
    assert.deepEqual(runner.commands.map((c) => c.args.join(' ')), [
      '--user disable --now openclaw-gateway-main.service',
      '--user daemon-reload',
      '--user enable --now clawport-gateway-main.service',
    ]);
    assert.ok(!existsSync(oldUnit()));
    assert.ok(existsSync(newUnit()));
  });

  it('uninstall of an install made under the old name unregisters the old name', async () => {
    await installService({ backend: 'systemd', spec: legacySpec(spec()), runner: new RecordingRunner() });
    assert.ok(existsSync(oldUnit()));
    const runner = new RecordingRunner();
    await uninstallService(spec(), runner);
    assert.deepEqual(runner.commands.map((c) => c.args.join(' ')), ['--user disable --now openclaw-gateway-main.service', '--user daemon-reload']);
    assert.ok(!existsSync(oldUnit()));
  });

  it('a unit at the old name of another profile, or upstream’s own, is not moved', async () => {
    writeFileSync(oldUnit(), renderSystemdUnit(legacySpec(serviceSpec(instanceFor('other', 29300, {}, home), COMMAND))).replace('openclaw-gateway-other', 'openclaw-gateway-main'));
    const text = readFileSync(oldUnit(), 'utf8');
    const runner = new RecordingRunner();
    await installService({ backend: 'systemd', spec: spec(), runner });
    assert.equal(readFileSync(oldUnit(), 'utf8'), text);
    assert.ok(!runner.commands.some((c) => c.args.join(' ').includes('openclaw-gateway')));
  });
});
