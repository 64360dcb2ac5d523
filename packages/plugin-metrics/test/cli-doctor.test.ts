import assert from 'node:assert/strict';
import { openclaw, openclawOk, setupCliProfile, spawnGateway, stopGateway, editConfigByHand } from './helpers/cli.js';
import { tempHomePerTest } from './helpers/home.js';

interface Finding { severity: string; check: string; instance?: string; message: string; fix?: string; keyPath?: string }
interface Report { ok: boolean; findings: Finding[] }

/** `clawport --profile P doctor`: naming P loads P's plugins (host-wide reads never run another instance's plugin code). */
async function doctor(home: string, profile: string): Promise<{ code: number; report: Report; text: string }> {
  const json = await openclaw(home, '--profile', profile, 'doctor', '--json');
  const text = await openclaw(home, '--profile', profile, 'doctor');
  return { code: json.code, report: JSON.parse(json.stdout) as Report, text: text.stdout + text.stderr };
}

describe('clawport doctor with the metrics plugin (real CLI)', function () {
  this.timeout(240_000); // spawns the real CLI several times per test (each start is seconds on a loaded CI machine)
  const env = tempHomePerTest('clawport-metrics-doctor-');

  it('reports the overlap only the plugin’s claim causes; without the plugin the checklist is clean', async () => {
    await setupCliProfile(env.home, 'main', 61000, {});
    await setupCliProfile(env.home, 'metered', 61200, { 'plugins.load': ['@clawport/plugin-metrics'] });
    // config set refuses this overlap (config-guard); written by hand, doctor must find it.
    await editConfigByHand(env.home, 'metered', 'metrics.port', 61004);
    const { code, report, text } = await doctor(env.home, 'metered');
    assert.equal(code, 1);
    const overlap = report.findings.filter((f) => f.check === 'ports.overlap');
    assert.deepEqual(overlap.map((f) => `${f.severity} ${f.message}`), ['error metered metrics 61004 (metrics.port) overlaps main canvas 61004']);
    assert.match(text, /metered metrics 61004 \(metrics\.port\) overlaps main canvas 61004/);
    // Without --profile nothing names metered: its plugin is not run, doctor says so and passes.
    const hostWide = JSON.parse((await openclaw(env.home, 'doctor', '--json')).stdout) as Report;
    assert.deepEqual(hostWide.findings.filter((f) => f.severity === 'error'), []);
    assert.deepEqual(hostWide.findings.filter((f) => f.check === 'plugins.notLoaded').map((f) => f.instance), ['metered']);

    await openclawOk(env.home, '--profile', 'metered', 'config', 'unset', 'plugins.load');
    const after = await doctor(env.home, 'metered');
    assert.deepEqual(after.report.findings.filter((f) => f.severity === 'error'), []);
    assert.equal(after.code, 0, after.text);
  });

  it('runs the plugin’s own checks: a shared metrics.port is an error for each instance (beta running, so its claim is known)', async () => {
    const load = { 'plugins.load': ['@clawport/plugin-metrics'], 'metrics.port': 61950 };
    await setupCliProfile(env.home, 'alpha', 61000, load);
    await setupCliProfile(env.home, 'beta', 61200, load);
    // alpha's plugins load because the command names alpha; beta's claim comes from its running
    // gateway's runtime file (host-wide reads never import beta's plugins).
    const beta = await spawnGateway(env.home, '--profile', 'beta');
    try {
      const { code, report } = await doctor(env.home, 'alpha');
      assert.equal(code, 1);
      const shared = report.findings.filter((f) => f.check === 'metrics.port.shared');
      assert.deepEqual(shared.map((f) => `${f.instance} ${f.keyPath}: ${f.message}`), [
        'alpha metrics.port: metrics.port 61950 is pinned by alpha and beta: only one gateway can serve it',
        'beta metrics.port: metrics.port 61950 is pinned by alpha and beta: only one gateway can serve it',
      ]);
    } finally {
      await stopGateway(beta.child);
    }
  });

  it('warns (without failing) about a metrics port set while the plugin is disabled', async () => {
    await setupCliProfile(env.home, 'quiet', 61000, { 'plugins.load': ['@clawport/plugin-metrics'], 'metrics.port': 61950, 'metrics.enabled': false });
    const { code, report, text } = await doctor(env.home, 'quiet');
    const w = report.findings.filter((f) => f.check === 'metrics.disabled.configured');
    assert.deepEqual(w.map((f) => `${f.severity} ${f.instance}: ${f.fix}`), [
      'warning quiet: remove metrics.port, or enable metrics: clawport --profile quiet config set metrics.enabled true',
    ]);
    assert.match(text, /quiet: metrics\.port 61950 is set but metrics\.enabled is false/);
    assert.equal(code, 0, text);
  });
});
