import assert from 'node:assert/strict';
import { PluginError, PortRangeError } from '../../src/errors.js';
import { footprint, formatRange, resolveFootprint } from '../../src/ports/footprint.js';
import { builtinManifests } from '../../src/plugins/builtin.js';
import { PLUGIN_API_VERSION, type ClaimSpec, type ClawportPlugin } from '../../src/plugins/contract.js';
import type { OpenClawConfig } from '../../src/config/schema.js';
import { throwsLine } from '../helpers/expect-error.js';

/** claim id → "start–end" (or "port"), the form every message uses. */
function ranges(base: number, config: OpenClawConfig = {}, plugins: readonly ClawportPlugin[] = builtinManifests) {
  const fp = footprint('main', base, config, plugins);
  return Object.fromEntries(fp.claims.map((c) => [c.id, formatRange(c.start, c.end)]));
}

function thirdParty(id: string, claims: ClaimSpec[]): ClawportPlugin {
  return { apiVersion: PLUGIN_API_VERSION, id, claims: () => claims };
}

describe('ports/footprint: the seed’s numbers', () => {
  const table: Array<[string, number, OpenClawConfig, Record<string, string>]> = [
    ['base 18789', 18789, {}, { gateway: '18789', 'browser.control': '18791', canvas: '18793', 'browser.cdp': '18800–18899' }],
    ['base 19001 (--dev)', 19001, {}, { gateway: '19001', 'browser.control': '19003', canvas: '19005', 'browser.cdp': '19012–19111' }],
    ['explicit browser.controlPort moves the CDP band with it', 18789, { browser: { controlPort: 20000 } }, { gateway: '18789', 'browser.control': '20000', canvas: '18793', 'browser.cdp': '20009–20108' }],
    ['explicit canvasHost.port', 18789, { canvasHost: { port: 21000 } }, { gateway: '18789', 'browser.control': '18791', canvas: '21000', 'browser.cdp': '18800–18899' }],
    [
      'explicit browser.profiles.*.cdpPort are claims; cdpUrl claims nothing',
      18789,
      { browser: { profiles: { work: { cdpPort: 18805 }, far: { cdpPort: 30000 }, remote: { cdpUrl: 'http://10.0.0.5:9222' } } } },
      { gateway: '18789', 'browser.control': '18791', canvas: '18793', 'browser.cdp': '18800–18899', 'browser.profile.work': '18805', 'browser.profile.far': '30000' },
    ],
    ['browser disabled claims nothing', 18789, { browser: { enabled: false } }, { gateway: '18789', canvas: '18793' }],
    ['canvas disabled claims nothing', 18789, { canvasHost: { enabled: false } }, { gateway: '18789', 'browser.control': '18791', 'browser.cdp': '18800–18899' }],
    ['highest base whose band fits: 65425', 65425, {}, { gateway: '65425', 'browser.control': '65427', canvas: '65429', 'browser.cdp': '65436–65535' }],
  ];
  for (const [name, base, config, expected] of table) it(name, () => assert.deepEqual(ranges(base, config), expected));

  it('for B=18789 the footprint spans 18789..18899 (111 ports)', () => {
    const claims = footprint('main', 18789, {}, builtinManifests).claims;
    assert.equal(Math.min(...claims.map((c) => c.start)), 18789);
    assert.equal(Math.max(...claims.map((c) => c.end)), 18899);
  });

  it('claims carry owner, role and bind scope', () => {
    const claims = footprint('main', 18789, {}, builtinManifests).claims;
    const view = claims.map(({ id, owner, role, bind }) => ({ id, owner, role, bind }));
    assert.deepEqual(view, [
      { id: 'gateway', owner: 'core', role: 'gateway', bind: 'gateway' },
      { id: 'browser.control', owner: 'browser', role: 'browser control', bind: 'loopback' },
      { id: 'browser.cdp', owner: 'browser', role: 'CDP band', bind: 'loopback' },
      { id: 'canvas', owner: 'canvas', role: 'canvas', bind: 'gateway' },
    ]);
    const work = footprint('main', 18789, { browser: { profiles: { work: { cdpPort: 18805 } } } }, builtinManifests).claims.find((c) => c.id === 'browser.profile.work');
    assert.equal(work?.within, 'browser.cdp');
    assert.equal(work?.role, 'CDP port (work)');
  });
});

describe('ports/footprint: out-of-range ports are config errors (named by role, never by instance: callers prefix it)', () => {
  const table: Array<[string, number, OpenClawConfig, string]> = [
    ['a base whose CDP band passes 65535', 65426, {}, 'CDP band 65437–65536 is outside 1024–65535 (choose a lower base port or another explicit port)'],
    ['base 65500', 65500, {}, 'CDP band 65511–65610 is outside 1024–65535 (choose a lower base port or another explicit port)'],
    ['a controlPort whose band passes 65535', 18789, { browser: { controlPort: 65500 } }, 'CDP band 65509–65608 is outside 1024–65535 (choose a lower base port or another explicit port)'],
    ['canvas past 65535', 65533, { browser: { enabled: false } }, 'canvas 65537 is outside 1024–65535 (choose a lower base port or another explicit port)'],
  ];
  for (const [name, base, config, line] of table) {
    it(name, () => {
      const err = throwsLine(() => footprint('main', base, config, builtinManifests), PortRangeError, line);
      assert.equal(err.exitCode, 78);
    });
  }

  it('resolveFootprint reports the error once and drops only that plugin’s claims', () => {
    const { footprint: fp, errors } = resolveFootprint('main', 65500, {}, builtinManifests);
    assert.deepEqual(errors.map((e) => e.message), ['CDP band 65511–65610 is outside 1024–65535']);
    assert.deepEqual(fp.claims.map((c) => c.id), ['gateway', 'canvas']);
  });
});

describe('ports/footprint: third-party plugins', () => {
  it('a good claim relative to the base and one anchored on another plugin’s claim', () => {
    const metrics = thirdParty('metrics', [
      { id: 'metrics.cdp-proxy', role: 'cdp proxy', from: 'browser.cdp', offset: 100, bind: 'loopback' },
      { id: 'metrics', role: 'metrics', from: 'base', offset: 6, length: 2, bind: 'loopback' },
    ]);
    const r = ranges(18789, {}, [...builtinManifests, metrics]);
    assert.equal(r.metrics, '18795–18796');
    assert.equal(r['metrics.cdp-proxy'], '18900');
  });

  const bad: Array<[string, ClaimSpec[], string]> = [
    ['a claim below 1024', [{ id: 'x', role: 'x', port: 80, bind: 'loopback' }], 'plugin bad: x 80 is outside 1024–65535 (fix the plugin or its config section)'],
    ['an empty range', [{ id: 'x', role: 'x', from: 'base', offset: 6, length: 0, bind: 'loopback' }], 'plugin bad: x claim x is not a whole port range (fix the plugin or its config section)'],
    ['a fractional offset', [{ id: 'x', role: 'x', from: 'base', offset: 6.5, bind: 'loopback' }], 'plugin bad: x claim x is not a whole port range (fix the plugin or its config section)'],
    ['an id already taken', [{ id: 'canvas', role: 'x', port: 30000, bind: 'loopback' }], 'plugin bad: claim id canvas is declared twice (fix the plugin or its config section)'],
    ['an unknown anchor', [{ id: 'x', role: 'x', from: 'nowhere', offset: 1, bind: 'loopback' }], 'plugin bad: claim x is relative to unknown claim nowhere (fix the plugin or its config section)'],
    ['a cycle', [{ id: 'x', role: 'x', from: 'y', offset: 1, bind: 'loopback' }, { id: 'y', role: 'y', from: 'x', offset: 1, bind: 'loopback' }], 'plugin bad: claim x is relative to unknown claim y (fix the plugin or its config section)'],
  ];
  for (const [name, claims, line] of bad) {
    it(`${name}: reported by id, its claims dropped, everything else kept`, () => {
      const good = thirdParty('good', [{ id: 'good', role: 'good', from: 'base', offset: 6, bind: 'loopback' }]);
      const badPlugin = thirdParty('bad', [{ id: 'bad.ok', role: 'ok', from: 'base', offset: 7, bind: 'loopback' }, ...claims]);
      const { footprint: fp, errors } = resolveFootprint('main', 18789, {}, [...builtinManifests, badPlugin, good]);
      assert.equal(errors.length, 1);
      assert.ok(errors[0] instanceof PluginError);
      assert.equal(errors[0].pluginId, 'bad');
      assert.equal(errors[0].toLine(), line);
      assert.deepEqual(fp.claims.map((c) => c.id).sort(), ['browser.cdp', 'browser.control', 'canvas', 'gateway', 'good']);
      assert.throws(() => footprint('main', 18789, {}, [...builtinManifests, badPlugin]), PluginError);
    });
  }

  it('a plugin whose claims() throws is reported by id', () => {
    const boom: ClawportPlugin = { apiVersion: PLUGIN_API_VERSION, id: 'boom', claims: () => { throw new Error('kaput'); } };
    const { footprint: fp, errors } = resolveFootprint('main', 18789, {}, [...builtinManifests, boom]);
    assert.deepEqual(errors.map((e) => e.message), ['plugin boom: claims() threw: kaput']);
    assert.equal(fp.claims.length, 4);
  });

  it('a disabled plugin claims nothing', () => {
    const off: ClawportPlugin = { ...thirdParty('off', [{ id: 'off', role: 'off', port: 80, bind: 'loopback' }]), enabled: () => false };
    assert.deepEqual(resolveFootprint('main', 18789, {}, [off]).errors, []);
  });
});

describe('ports/footprint: formatRange', () => {
  it('one port', () => assert.equal(formatRange(18809, 18809), '18809'));
  it('a range uses an en dash', () => assert.equal(formatRange(18800, 18899), '18800–18899'));
});
