import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceError } from '../../../src/errors.js';
import { installService, uninstallService } from '../../../src/node/services/install.js';
import { RecordingRunner, type CommandRunner } from '../../../src/node/services/runner.js';
import type { CommandPlan } from '../../../src/services/plans.js';
import { serviceSpec } from '../../../src/services/spec.js';
import { COMMAND, instanceFor } from '../fixtures.js';

/** Every file under dir, relative, with its mode: the whole truth about what an operation touched. */
function tree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = `${prefix}${e.name}`;
    const mode = (statSync(join(dir, e.name)).mode & 0o777).toString(8);
    return e.isDirectory() ? [`${rel}/ ${mode}`, ...tree(join(dir, e.name), `${rel}/`)] : [`${rel} ${mode}`];
  }).sort();
}

/** A service manager that refuses its n-th command, like systemctl without a user bus. */
class FailingRunner implements CommandRunner {
  readonly seen: CommandPlan[] = [];
  constructor(private readonly failAt: number) {}
  run(plan: CommandPlan) {
    this.seen.push(plan);
    return Promise.resolve(this.seen.length === this.failAt ? { code: 1, stdout: '', stderr: 'Failed to connect to bus: No medium found\nmore' } : { code: 0, stdout: '', stderr: '' });
  }
}

describe('node/services install and uninstall on real files', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'clawport-svc-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  const specFor = (profile: string, port: number) => serviceSpec(instanceFor(profile, port, {}, home), COMMAND);

  it('supervisor: writes the record, a 0600 env file and a manifest; uninstall removes exactly them', async () => {
    const spec = specFor('main', 29100);
    mkdirSync(spec.stateDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(spec.stateDir, 'openclaw.json'), '{}');
    const before = tree(home);
    const report = await installService({ backend: 'supervisor', spec, runner: new RecordingRunner() });
    assert.deepEqual(report.files.map((f) => f.action), ['created', 'created']);
    assert.deepEqual(tree(spec.stateDir), [
      'openclaw.json 644',
      'service/ 700',
      'service/gateway.env 600',
      'service/installed.json 600',
      'service/supervisor.json 600',
    ]);
    assert.doesNotMatch(readFileSync(spec.envFile, 'utf8'), /^[A-Z_]+=/m, 'a new env file holds no values');
    const again = await installService({ backend: 'supervisor', spec, runner: new RecordingRunner() });
    assert.deepEqual(again.files.map((f) => f.action), ['unchanged', 'kept']);
    const removed = await uninstallService(spec, new RecordingRunner());
    assert.equal(removed.removed.length, 3);
    assert.deepEqual(tree(home), before);
  });

  it('keeps an env file that held secrets before the install', async () => {
    const spec = specFor('main', 29100);
    mkdirSync(spec.serviceDir, { recursive: true });
    writeFileSync(spec.envFile, 'OPENAI_API_KEY=sk-secret\n', { mode: 0o600 });
    await installService({ backend: 'supervisor', spec, runner: new RecordingRunner() });
    const report = await uninstallService(spec, new RecordingRunner());
    assert.deepEqual(report.kept, [spec.envFile]);
    assert.equal(readFileSync(spec.envFile, 'utf8'), 'OPENAI_API_KEY=sk-secret\n');
  });

  it('systemd: writes the unit under ~/.config/systemd/user and runs daemon-reload + enable --now', async () => {
    const spec = specFor('rescue', 29200);
    const runner = new RecordingRunner();
    await installService({ backend: 'systemd', spec, runner });
    assert.ok(existsSync(join(home, '.config/systemd/user/clawport-gateway-rescue.service')));
    assert.deepEqual(runner.commands.map((c) => c.args.join(' ')), ['--user daemon-reload', '--user enable --now clawport-gateway-rescue.service']);
    const un = new RecordingRunner();
    await uninstallService(spec, un);
    assert.deepEqual(un.commands.map((c) => c.args.join(' ')), ['--user disable --now clawport-gateway-rescue.service', '--user daemon-reload']);
    assert.ok(!existsSync(join(home, '.config/systemd/user/clawport-gateway-rescue.service')));
    assert.ok(existsSync(join(home, '.config/systemd/user')), 'a directory that is not ours stays');
  });

  it('a manager that refuses leaves nothing half-written and says which command failed', async () => {
    const spec = specFor('main', 29100);
    const before = tree(home);
    await assert.rejects(installService({ backend: 'systemd', spec, runner: new FailingRunner(2) }), (e: unknown) => {
      assert.ok(e instanceof ServiceError);
      assert.equal(e.message, '`systemctl --user enable --now clawport-gateway-main.service` failed (exit 1): Failed to connect to bus: No medium found');
      return true;
    });
    assert.deepEqual(tree(home), before, 'directories created for the install are gone too');
  });

  it('--dry-run returns every file and command and writes nothing', async () => {
    const spec = specFor('main', 29100);
    const runner = new RecordingRunner();
    const report = await installService({ backend: 'launchd', spec, runner, dryRun: true, uid: 501 });
    assert.equal(report.files.length, 2);
    assert.match(report.files[0].content, /<string>ai.clawport.main<\/string>/);
    assert.equal(report.commands.length, 2);
    assert.equal(runner.commands.length, 0);
    assert.deepEqual(tree(home), []);
  });

  it('refuses to overwrite a service of another instance under this name, unless --force', async () => {
    const main = specFor('main', 29100);
    const rescue = specFor('rescue', 29200);
    const unitDir = join(home, '.config/systemd/user');
    mkdirSync(unitDir, { recursive: true });
    const { renderSystemdUnit } = await import('../../../src/services/systemd.js');
    writeFileSync(join(unitDir, main.names.systemd), renderSystemdUnit(rescue));
    await assert.rejects(installService({ backend: 'systemd', spec: main, runner: new RecordingRunner() }), /already defines a service for another instance \(profile rescue, state dir .*\.openclaw-rescue\)/);
    await installService({ backend: 'systemd', spec: main, runner: new RecordingRunner(), force: true });
    assert.match(readFileSync(join(unitDir, main.names.systemd), 'utf8'), /--profile main/);
  });

  it('refuses a second backend for the same profile', async () => {
    const spec = specFor('main', 29100);
    await installService({ backend: 'supervisor', spec, runner: new RecordingRunner() });
    await assert.rejects(installService({ backend: 'systemd', spec, runner: new RecordingRunner() }), (e: unknown) => {
      assert.ok(e instanceof ServiceError);
      assert.match(e.toLine(), /profile main already has a supervisor service .*clawport --profile main gateway uninstall/);
      return true;
    });
  });

  it('uninstall of a profile that has none: one clear line, nothing touched', async () => {
    const spec = specFor('ops', 29300);
    await assert.rejects(uninstallService(spec, new RecordingRunner()), (e: unknown) => {
      assert.ok(e instanceof ServiceError);
      assert.match(e.toLine(), /^profile ops has no service installed .*clawport --profile ops gateway install\)$/);
      return true;
    });
    assert.deepEqual(tree(home), []);
  });
});
