import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClawportError, PluginError, builtinManifests, resolveFootprint } from '@clawport/core';
import { loadPlugins } from '@clawport/core/node';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const metricsPackage = join(dirname(fileURLToPath(import.meta.url)), '..');

// The bad fixtures through the same calls the CLI makes to build footprints (no gateway involved).
describe('bad plugins are named, never fatal (loader + footprint)', () => {
  it('loads the good ones and refuses a wrong apiVersion by plugin id', async () => {
    const specs = ['./wrong-api-version.js', './throws-in-start.js', './port-out-of-range.js', metricsPackage];
    const { plugins, errors } = await loadPlugins(specs, fixtures);
    assert.deepEqual(plugins.map((p) => p.id), ['fixture-throws', 'fixture-range', 'metrics']);
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof PluginError);
    assert.equal(errors[0].pluginId, 'fixture-future');
    assert.match(errors[0].toLine(), /^plugin fixture-future: built for plugin API v999, this Clawport speaks v1 \(upgrade the plugin or Clawport/);
  });

  it('the package name resolves like a path does (plugins.load: ["@clawport/plugin-metrics"])', async () => {
    const { plugins, errors } = await loadPlugins(['@clawport/plugin-metrics'], fixtures);
    assert.deepEqual(errors, []);
    assert.deepEqual(plugins.map((p) => p.id), ['metrics']);
  });

  it('a claim outside 1024–65535 is reported naming the plugin; every other claim stays', async () => {
    const { plugins } = await loadPlugins(['./port-out-of-range.js', './throws-in-start.js', metricsPackage], fixtures);
    const { footprint, errors } = resolveFootprint('main', 61400, {}, [...builtinManifests, ...plugins]);
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof ClawportError);
    assert.match(errors[0].message, /far service 70000 \(plugin fixture-range\) is outside 1024–65535|plugin fixture-range: .*70000.*outside 1024–65535/);
    assert.deepEqual(
      footprint.claims.map((c) => `${c.owner}:${c.id}`).sort(),
      ['browser:browser.cdp', 'browser:browser.control', 'canvas:canvas', 'core:gateway', 'fixture-throws:fixture-throws', 'metrics:metrics'],
    );
  });
});
