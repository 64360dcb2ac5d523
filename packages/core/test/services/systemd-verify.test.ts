import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceSpec } from '../../src/services/spec.js';
import { renderSystemdUnit } from '../../src/services/systemd.js';
import { readInstalledService } from '../../src/services/installed.js';
import { instanceFor, PROFILES } from './fixtures.js';

const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';

/** verify checks that ExecStart's binary exists, so the units point at this node and a real script. */
function verify(unitPath: string): { status: number | null; output: string } {
  const r = spawnSync(SYSTEMD_ANALYZE, ['verify', unitPath], { encoding: 'utf8' });
  if (r.error) throw new Error(`${SYSTEMD_ANALYZE} could not run (${r.error.message}); install the Debian package systemd`);
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

describe('services/systemd units pass systemd-analyze verify', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'clawport-verify-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const script = fileURLToPath(import.meta.url);
  const command = { node: process.execPath, script };

  for (const { label, profile, port } of PROFILES) {
    it(`${label}: verify exits 0 with no warning at all`, () => {
      const spec = serviceSpec(instanceFor(profile, port, {}, join(dir, label)), command);
      const unit = join(dir, spec.names.systemd);
      writeFileSync(unit, renderSystemdUnit(spec));
      const r = verify(unit);
      assert.equal(r.output, '', `systemd-analyze said: ${r.output}`);
      assert.equal(r.status, 0);
    });
  }

  it('a state dir with spaces, %, $ and quotes survives quoting and reads back unchanged', () => {
    const home = join(dir, 'we%ird $home "q"');
    mkdirSync(home, { recursive: true });
    const weirdScript = join(home, 'run 100%.js');
    writeFileSync(weirdScript, '');
    const spec = serviceSpec(instanceFor('main', 20789, {}, home), { node: process.execPath, script: weirdScript });
    const unit = join(dir, 'clawport-gateway-weird.service');
    const text = renderSystemdUnit(spec);
    writeFileSync(unit, text);
    const r = verify(unit);
    assert.equal(r.output, '', `systemd-analyze said: ${r.output}`);
    const back = readInstalledService('systemd', text, unit);
    assert.deepEqual(back.argv, spec.argv);
    assert.deepEqual(back.env, spec.env);
    assert.deepEqual(back.envFiles, [spec.envFile]);
  });

  it('verify really checks: a unit whose node binary does not exist fails', () => {
    const spec = serviceSpec(instanceFor('main', 20789, {}, dir), { node: join(dir, 'no-such-node'), script });
    const unit = join(dir, 'clawport-gateway-broken.service');
    writeFileSync(unit, renderSystemdUnit(spec));
    const r = verify(unit);
    assert.notEqual(r.status, 0);
    assert.match(r.output, /no-such-node/);
  });

  it('renders systemd 254+ exponential back-off only when asked', () => {
    const spec = serviceSpec(instanceFor('main', 20789), command);
    assert.doesNotMatch(renderSystemdUnit(spec), /RestartSteps/);
    assert.match(renderSystemdUnit(spec, { exponentialBackoff: true }), /^RestartSteps=6\nRestartMaxDelaySec=60s$/m);
  });
});
