import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editConfigByHand, openclaw, openclawOk, setupCliProfile } from './helpers/cli.js';
import { tempHomePerTest } from './helpers/home.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface PortRow { id: string; role: string; owner: string; bind: string; start: number; end: number }

// Two profiles set up with the real CLI: main at 61000 (canvas 61004), metered at 61200 with the plugin.
async function twoProfiles(home: string, metrics: Record<string, unknown> | undefined, load = ['@clawport/plugin-metrics']) {
  await setupCliProfile(home, 'main', 61000);
  await setupCliProfile(home, 'metered', 61200, { 'plugins.load': load });
  // By hand: config set refuses a metrics.port inside another footprint (config-guard); ports check must still find it.
  for (const [k, v] of Object.entries(metrics ?? {})) await editConfigByHand(home, 'metered', `metrics.${k}`, v);
}

describe('clawport ports with the metrics plugin (real CLI)', function () {
  this.timeout(240_000); // spawns the real CLI several times per test (each start is seconds on a loaded CI machine)
  const env = tempHomePerTest('clawport-metrics-cli-');

  it('`ports` lists the plugin’s claim at base+5, owned by metrics, loopback', async () => {
    await twoProfiles(env.home, undefined);
    const json = JSON.parse((await openclawOk(env.home, '--profile', 'metered', 'ports', '--json')).stdout) as { ports: PortRow[] };
    const row = json.ports.find((p) => p.owner === 'metrics');
    assert.deepEqual(row && { id: row.id, role: row.role, bind: row.bind, start: row.start, end: row.end }, {
      id: 'metrics', role: 'metrics', bind: 'loopback', start: 61205, end: 61205,
    });
    const human = (await openclawOk(env.home, '--profile', 'metered', 'ports')).stdout;
    assert.match(human, /^metrics\s+61205\s+loopback\s+metrics\s+free$/m);
    const other = JSON.parse((await openclawOk(env.home, '--profile', 'main', 'ports', '--json')).stdout) as { ports: PortRow[] };
    assert.ok(!other.ports.some((p) => p.owner === 'metrics'), 'a profile that does not load it has no metrics claim');
  });

  it('`--profile metered ports check` reports the overlap that only the plugin’s claim causes, and is clean without it', async () => {
    await twoProfiles(env.home, { port: 61004 });
    // Host-wide, metered's plugin is never run: noted, not proven (issue #16.3).
    const hostWide = await openclaw(env.home, 'ports', 'check', '--json');
    assert.equal(hostWide.code, 0, hostWide.stderr);
    assert.match((JSON.parse(hostWide.stdout) as { notLoaded: string[] }).notLoaded.join('\n'), /^metered: plugins not loaded \(@clawport\/plugin-metrics\)/);
    const bad = await openclaw(env.home, '--profile', 'metered', 'ports', 'check', '--json');
    assert.equal(bad.code, 1, bad.stderr);
    const report = JSON.parse(bad.stdout) as { ok: boolean; overlaps: Array<{ message: string; a: PortRow; b: PortRow }> };
    assert.equal(report.ok, false);
    assert.deepEqual(report.overlaps.map((o) => o.message), ['metered metrics 61004 (metrics.port) overlaps main canvas 61004']);
    assert.deepEqual([report.overlaps[0].a.owner, report.overlaps[0].b.owner].sort(), ['canvas', 'metrics']);
    assert.match((await openclaw(env.home, '--profile', 'metered', 'ports', 'check')).stdout, /^metered metrics 61004 \(metrics\.port\) overlaps main canvas 61004$/m);

    // The same configs without the plugin loaded: the metrics section claims nothing, the proof holds.
    await openclawOk(env.home, '--profile', 'metered', 'config', 'unset', 'plugins.load');
    const clean = await openclaw(env.home, '--profile', 'metered', 'ports', 'check', '--json');
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.equal((JSON.parse(clean.stdout) as { ok: boolean }).ok, true);
  });

  it('`config set` validates the metrics section with the plugin’s schema', async () => {
    await twoProfiles(env.home, undefined);
    const r = await openclaw(env.home, '--profile', 'metered', 'config', 'set', 'metrics.port', '80');
    assert.equal(r.code, 78);
    assert.match(r.stderr, /openclaw\.json: metrics\.port: ports below 1024 need root/);
  });

  it('bad plugins in plugins.load are named in the messages', async () => {
    await twoProfiles(env.home, undefined, [
      '@clawport/plugin-metrics',
      join(fixtures, 'wrong-api-version.js'),
      join(fixtures, 'port-out-of-range.js'),
    ]);
    const r = await openclaw(env.home, '--profile', 'metered', 'ports');
    assert.match(r.stderr, /plugin fixture-future: built for plugin API v999, this Clawport speaks v1/);
    assert.match(r.stderr, /plugin fixture-range: far service 70000 is outside 1024–65535/);
  });
});
