import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeHome, removeHome, runCli, runJson } from '../../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../../../../tools/fixtures/upstream/', import.meta.url));

interface StatusJson {
  name: string;
  service: { installed: boolean };
  upstreamServices?: Array<{ backend: string; file: string; engine: string; version?: string }>;
}

/**
 * Upstream OpenClaw's own unit for profile main (tools/fixtures/upstream: what 2026.9.6's `gateway
 * install` writes, no version variable in it) beside a Clawport profile: `status` shows it (backend,
 * engine, version from the package the unit runs, file) in text and --json, for one profile and --all.
 */
describe('status: upstream OpenClaw’s own service for a profile', function () {
  this.timeout(60_000);
  let home: string;
  let unit: string;
  before(async () => {
    home = await makeHome();
    await mkdir(join(home, '.openclaw-main'), { mode: 0o700 });
    await writeFile(join(home, '.openclaw-main', 'openclaw.json'), (await readFile(join(FIXTURES, 'setup-2026.9.6.json'), 'utf8')).replaceAll('__HOME__', home), { mode: 0o600 });
    const pkg = join(home, '.npm-global/lib/node_modules/openclaw');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    await writeFile(join(pkg, 'dist/index.js'), '');
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'openclaw', version: '2026.9.6' }));
    unit = join(home, '.config/systemd/user/openclaw-gateway-main.service');
    await mkdir(dirname(unit), { recursive: true });
    const text = (await readFile(join(FIXTURES, 'openclaw-gateway-main.service'), 'utf8')).replaceAll('__HOME__', home).replaceAll('__NODE_BIN__', dirname(process.execPath)).replaceAll('__NODE__', process.execPath);
    await writeFile(unit, text);
    assert.equal((await runCli(['--profile', 'rescue', 'setup', '--port', '19300'], home)).code, 0);
  });
  after(() => removeHome(home));

  it('status --json and status: backend, engine openclaw, version and file; none for a profile without one', async () => {
    const main = await runJson<StatusJson>(['--profile', 'main', 'status'], home);
    assert.equal(main.run.code, 0, main.run.stderr);
    assert.deepEqual(main.result.upstreamServices, [{ backend: 'systemd', file: unit, engine: 'openclaw', version: '2026.9.6' }]);
    assert.equal(main.result.service.installed, false, 'upstream’s unit is not ours');
    const text = await runCli(['--profile', 'main', 'status'], home);
    assert.match(text.stdout, /upstream service\s+systemd \S*openclaw-gateway-main\.service \(engine openclaw 2026\.9\.6; upstream's, Clawport leaves it alone\)/);
    const rescue = await runJson<StatusJson>(['--profile', 'rescue', 'status'], home);
    assert.equal(rescue.result.upstreamServices, undefined);
    assert.doesNotMatch((await runCli(['--profile', 'rescue', 'status'], home)).stdout, /upstream service/);
  });

  it('status --all --json and status --all: the service column names upstream’s (openclaw systemd)', async () => {
    const all = await runJson<StatusJson[]>(['status', '--all'], home);
    assert.equal(all.run.code, 0, all.run.stderr);
    assert.deepEqual(all.result.map((s) => [s.name, s.upstreamServices?.map((u) => `${u.backend} ${u.engine} ${u.version} ${u.file}`)]), [
      ['main', [`systemd openclaw 2026.9.6 ${unit}`]],
      ['rescue', undefined],
    ]);
    const text = await runCli(['status', '--all'], home);
    assert.match(text.stdout, /^main\s.*\sopenclaw systemd\s*$/m, text.stdout);
    assert.match(text.stdout, /^rescue\s.*\s-\s*$/m, text.stdout);
  });

  // docs/how-to/alongside-openclaw.md: install beside upstream's unit "says both would run that profile",
  // whatever backend Clawport uses (found by a docs-only trial: only systemd said so).
  for (const backend of ['supervisor', 'systemd']) {
    it(`gateway install --backend ${backend} --dry-run beside upstream's unit says both would run main`, async () => {
      const before = await readFile(unit, 'utf8');
      const r = await runCli(['--profile', 'main', 'gateway', 'install', '--backend', backend, '--dry-run'], home);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout + r.stderr, new RegExp(`upstream OpenClaw's ${unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} also runs profile main: run one of the two`));
      assert.equal((r.stdout + r.stderr).split('also runs profile main').length, 2, 'said once');
      assert.equal(await readFile(unit, 'utf8'), before, 'left alone');
    });
  }
});
