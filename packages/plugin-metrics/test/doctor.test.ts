import assert from 'node:assert/strict';
import { browserManifest, canvasManifest, resolveFootprint, type DoctorInstance, type OpenClawConfig } from '@clawport/core';
import metricsPlugin, { metricsDoctor } from '../src/index.js';

/** A doctor instance as the CLI builds it: footprint from the plugins the instance loads. */
function instance(name: string, base: number, config: OpenClawConfig, withMetrics = true): DoctorInstance {
  const plugins = withMetrics ? [browserManifest, canvasManifest, metricsPlugin] : [browserManifest, canvasManifest];
  return {
    name,
    profile: name,
    stateDir: `/h/.openclaw-${name}`,
    configPath: `/h/.openclaw-${name}/openclaw.json`,
    workspace: `/h/.openclaw/workspace-${name}`,
    base,
    config,
    footprint: resolveFootprint(name, base, config, plugins).footprint.claims,
  };
}

describe('metrics doctor', () => {
  const table: Array<{ name: string; instances: DoctorInstance[]; expect: string[] }> = [
    { name: 'nothing to say about defaults', instances: [instance('main', 61000, {}), instance('rescue', 61200, {})], expect: [] },
    {
      name: 'explicit ports that differ are fine',
      instances: [instance('main', 61000, { metrics: { port: 61950 } }), instance('rescue', 61200, { metrics: { port: 61951 } })],
      expect: [],
    },
    {
      name: 'a shared metrics.port is an error on each instance that pins it',
      instances: [instance('main', 61000, { metrics: { port: 61950 } }), instance('rescue', 61200, { metrics: { port: 61950 } })],
      expect: [
        'error metrics.port.shared main metrics.port: metrics.port 61950 is pinned by main and rescue: only one gateway can serve it',
        'error metrics.port.shared rescue metrics.port: metrics.port 61950 is pinned by main and rescue: only one gateway can serve it',
      ],
    },
    {
      name: 'a shared port in an instance that does not load the plugin is not a clash',
      instances: [instance('main', 61000, { metrics: { port: 61950 } }), instance('rescue', 61200, { metrics: { port: 61950 } }, false)],
      expect: [],
    },
    {
      name: 'disabled but a port configured: a warning naming the command',
      instances: [instance('main', 61000, { metrics: { enabled: false, port: 61950 } })],
      expect: ['warning metrics.disabled.configured main metrics.port: main: metrics.port 61950 is set but metrics.enabled is false, so nothing claims or serves it'],
    },
    {
      name: 'an invalid section is reported, not thrown',
      instances: [{ ...instance('main', 61000, {}), config: { metrics: { port: 'x' } } }],
      expect: ['error metrics.section.invalid main metrics: main: metrics.port: Invalid input: expected number, received string'],
    },
  ];
  for (const c of table) {
    it(c.name, () => {
      const findings = metricsDoctor(c.instances);
      assert.deepEqual(
        findings.map((f) => `${f.severity} ${f.check} ${f.instance} ${f.keyPath}: ${f.message}`),
        c.expect,
      );
      for (const f of findings) {
        assert.ok(f.fix && !f.fix.includes('\n'), 'one-line fix');
        assert.equal(f.file, `/h/.openclaw-${f.instance}/openclaw.json`);
      }
    });
  }

  it('the fix for a disabled section names the profile', () => {
    const [f] = metricsDoctor([instance('rescue', 61200, { metrics: { enabled: false, port: 61950 } })]);
    assert.equal(f.fix, 'remove metrics.port, or enable metrics: clawport --profile rescue config set metrics.enabled true');
  });
});
