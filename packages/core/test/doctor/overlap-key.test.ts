import assert from 'node:assert/strict';
import type { ClawportPlugin, DoctorInstance } from '../../src/plugins/contract.js';
import { runDoctor } from '../../src/doctor/run.js';
import { H, inst } from './instance.js';

/** A third-party plugin like plugin-metrics: `metrics.port` when set, else B+5. */
const metrics: ClawportPlugin = {
  apiVersion: 1,
  id: 'metrics',
  config: { key: 'metrics', schema: undefined as never },
  claims: ({ config }) => {
    const port = (config as { metrics?: { port?: number } }).metrics?.port;
    return [port === undefined ? { id: 'metrics', role: 'metrics', from: 'base', offset: 5, bind: 'loopback' } : { id: 'metrics', role: 'metrics', port, bind: 'loopback' }];
  },
};

/** The same plugin, declaring the config key its explicit port comes from (contract `key`). */
const keyed: ClawportPlugin = {
  ...metrics,
  claims: (ctx) => metrics.claims!(ctx).map((c) => ('port' in c ? { ...c, key: 'metrics.port' } : c)),
};

const noFacts = { files: [], owners: [], brokenConfigs: [] };

describe('doctor/ports.overlap names the key that moves the offending claim', () => {
  const cases: Array<[string, DoctorInstance[], { instance: string; keyPath: string; fix: RegExp }]> = [
    ['relative claims only: the later base moves', [inst('main', 18789), inst('rescue', 18809)], { instance: 'rescue', keyPath: 'gateway.port', fix: /ports suggest/ }],
    [
      'canvasHost.port inside another instance’s CDP band',
      [inst('main', 18789), inst('rescue', 19789, { canvasHost: { port: 18850 } })],
      { instance: 'rescue', keyPath: 'canvasHost.port', fix: /change canvasHost\.port of rescue .*config unset canvasHost\.port/ },
    ],
    [
      'browser.controlPort (and the band that follows it) on another base',
      [inst('main', 18789), inst('rescue', 19789, { browser: { controlPort: 18789 } })],
      { instance: 'rescue', keyPath: 'browser.controlPort', fix: /--profile rescue config set browser\.controlPort N/ },
    ],
    [
      'an explicit cdpPort inside another instance’s band',
      [inst('main', 18789), inst('rescue', 19789, { browser: { profiles: { work: { cdpPort: 18850 } } } })],
      { instance: 'rescue', keyPath: 'browser.profiles.work.cdpPort', fix: /browser\.profiles\.work\.cdpPort/ },
    ],
    [
      'a third-party plugin’s explicit port: its section',
      [inst('main', 18789), inst('rescue', 19789, { metrics: { port: 18791 } }, {}, [metrics])],
      { instance: 'rescue', keyPath: 'metrics', fix: /plugin metrics \(claim metrics\) in the metrics section of rescue/ },
    ],
    [
      'a third-party plugin’s relative claim follows the base',
      [inst('main', 18789, {}, {}, [metrics]), inst('rescue', 18794)],
      { instance: 'rescue', keyPath: 'gateway.port', fix: /move rescue to a free base/ },
    ],
  ];
  it('a plugin claim that declares its key: the message and the fix name that key', () => {
    const instances = [inst('main', 18789), inst('rescue', 19789, { metrics: { port: 18791 } }, {}, [keyed])];
    const found = runDoctor({ instances, facts: noFacts, plugins: [keyed] }).findings.filter((f) => f.check === 'ports.overlap');
    assert.deepEqual(
      found.map((f) => [f.message, f.keyPath, f.fix]),
      [[
        'rescue metrics 18791 (metrics.port) overlaps main browser control 18791',
        'metrics.port',
        'change metrics.port of rescue to a port outside every other footprint (clawport --profile rescue config set metrics.port N), or unset it to follow the base (clawport --profile rescue config unset metrics.port)',
      ]],
    );
  });
  for (const [name, instances, want] of cases) {
    it(name, () => {
      const overlapsFound = runDoctor({ instances, facts: noFacts, plugins: [metrics] }).findings.filter((f) => f.check === 'ports.overlap');
      assert.ok(overlapsFound.length > 0, 'an overlap is found');
      if (name.includes('plugin')) assert.ok(overlapsFound.some((f) => f.message.includes('metrics')), 'the plugin claim is in an overlap');
      for (const f of overlapsFound) {
        assert.equal(f.instance, want.instance, f.message);
        assert.equal(f.keyPath, want.keyPath, f.message);
        assert.match(f.fix ?? '', want.fix);
        assert.equal(f.file, `${H}/.openclaw-${want.instance}/openclaw.json`);
      }
    });
  }
});
