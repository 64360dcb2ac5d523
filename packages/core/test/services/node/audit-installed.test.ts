import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditInstalledServices, fixInstalledService } from '../../../src/node/services/audit-installed.js';
import { installService } from '../../../src/node/services/install.js';
import { RecordingRunner } from '../../../src/node/services/runner.js';
import { serviceSpec } from '../../../src/services/spec.js';
import { renderSystemdUnit } from '../../../src/services/systemd.js';
import { COMMAND, instanceFor } from '../fixtures.js';

describe('node/services audit of installed service files (doctor)', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'clawport-audit-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('finds nothing when no service is installed', async () => {
    assert.deepEqual(await auditInstalledServices(instanceFor('main', 29100, {}, home), COMMAND), []);
  });

  it('a fresh install audits clean, for every backend it knows the file of', async () => {
    const instance = instanceFor('main', 29100, {}, home);
    await installService({ backend: 'supervisor', spec: serviceSpec(instance, COMMAND), runner: new RecordingRunner() });
    const audits = await auditInstalledServices(instance, COMMAND);
    assert.deepEqual(audits.map((a) => [a.backend, a.findings.length]), [['supervisor', 0]]);
  });

  it('finds a hand-written unit without --profile and a port the config no longer has; --fix rewrites it', async () => {
    const old = instanceFor('main', 29100, {}, home);
    const now = instanceFor('main', 29200, {}, home);
    const unitDir = join(home, '.config/systemd/user');
    mkdirSync(unitDir, { recursive: true });
    const unit = join(unitDir, 'clawport-gateway-main.service');
    writeFileSync(unit, renderSystemdUnit(serviceSpec(old, COMMAND)).replace(' --profile main', ''));
    const [audit] = await auditInstalledServices(now, COMMAND);
    assert.equal(audit.file, unit);
    assert.deepEqual(audit.findings.map((f) => f.check).sort(), ['service.port', 'service.profile']);
    const runner = new RecordingRunner();
    const fixed = await fixInstalledService(audit, now, COMMAND, runner);
    assert.ok(fixed.includes(unit));
    assert.match(readFileSync(unit, 'utf8'), /--profile main gateway --port 29200/);
    assert.deepEqual(runner.commands.map((c) => c.args.slice(1, 2)[0]), ['daemon-reload', 'enable']);
    const [again] = await auditInstalledServices(now, COMMAND);
    assert.deepEqual(again.findings, []);
  });
});
