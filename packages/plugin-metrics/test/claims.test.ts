import assert from 'node:assert/strict';
import { PluginError, ConfigError, browserManifest, canvasManifest, mergedConfigSchema, overlaps, resolveFootprint, type OpenClawConfig } from '@clawport/core';
import metricsPlugin, { metricsClaims, metricsEnabled } from '../src/index.js';

const plugins = [browserManifest, canvasManifest, metricsPlugin];

describe('metrics claims', () => {
  const table: Array<{ name: string; config: OpenClawConfig; base: number; expect: string | undefined }> = [
    { name: 'no section: base+5', config: {}, base: 61000, expect: '61005 loopback' },
    { name: 'enabled, no port: base+5', config: { metrics: { enabled: true } }, base: 61100, expect: '61105 loopback' },
    { name: 'explicit port', config: { metrics: { port: 61950 } }, base: 61000, expect: '61950 loopback' },
    { name: 'disabled: no claim', config: { metrics: { enabled: false, port: 61950 } }, base: 61000, expect: undefined },
  ];
  for (const c of table) {
    it(c.name, () => {
      const { footprint, errors } = resolveFootprint('main', c.base, c.config, plugins);
      assert.deepEqual(errors, []);
      const claim = footprint.claims.find((x) => x.owner === 'metrics');
      assert.equal(claim && `${claim.start}${claim.end === claim.start ? '' : `-${claim.end}`} ${claim.bind}`, c.expect);
      if (claim) assert.deepEqual([claim.id, claim.role], ['metrics', 'metrics']);
    });
  }

  it('does not overlap the built-ins of its own instance at the default offset', () => {
    const { footprint } = resolveFootprint('main', 61000, {}, plugins);
    assert.deepEqual(overlaps([footprint]), []);
  });

  it('a metrics port inside another instance’s CDP band is an overlap only its claim causes', () => {
    const main = resolveFootprint('main', 61000, {}, [browserManifest, canvasManifest]).footprint;
    const rescue = resolveFootprint('rescue', 61200, { metrics: { port: 61050 } }, plugins).footprint;
    const found = overlaps([main, rescue]);
    assert.deepEqual(found.map((o) => o.message), ['rescue metrics 61050 (metrics.port) overlaps main CDP band 61011–61110']);
  });

  it('an invalid section is reported naming the plugin, and its claims are dropped', () => {
    const { footprint, errors } = resolveFootprint('main', 61000, { metrics: { port: 'x' } }, [browserManifest, metricsPlugin]);
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof PluginError);
    assert.match(errors[0].message, /^plugin metrics: .*metrics\.port: /);
    assert.ok(!footprint.claims.some((x) => x.owner === 'metrics'));
  });

  it('the section schema refuses ports outside 1024–65535 with the key path', () => {
    const bad = mergedConfigSchema([metricsPlugin]).safeParse({ metrics: { port: 80 } });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues[0].path, ['metrics', 'port']);
    assert.throws(() => metricsClaims({ config: { metrics: { port: 80 } }, base: 61000 }), ConfigError);
    assert.equal(metricsEnabled({ metrics: { port: 80 } }), true, 'invalid counts as on, so claims() reports it');
  });

  it('claims are pure: same input, same output', () => {
    const ctx = { config: { metrics: { port: 61950 } }, base: 61000 };
    assert.deepEqual(metricsClaims(ctx), metricsClaims(ctx));
  });
});
