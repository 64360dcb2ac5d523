import assert from 'node:assert/strict';
import type { ClawportPlugin, DoctorInstance } from '../../src/plugins/contract.js';
import { runDoctor } from '../../src/doctor/run.js';
import type { DoctorFacts } from '../../src/doctor/facts.js';
import { H, inst } from './instance.js';

const noFacts: DoctorFacts = { files: [], owners: [], brokenConfigs: [] };
const checks = (r: ReturnType<typeof runDoctor>) => r.findings.map((f) => `${f.severity} ${f.check}: ${f.message}`);

describe('doctor/runDoctor', () => {
  const cases: Array<[string, DoctorInstance[], DoctorFacts, string[]]> = [
    ['main 18789 + rescue 19789: clean', [inst('main', 18789), inst('rescue', 19789)], noFacts, []],
    ['no instances: clean', [], noFacts, []],
    [
      'rescue 20 above main (the seed’s spacing) overlaps main’s CDP band',
      [inst('main', 18789), inst('rescue', 18809)],
      noFacts,
      [
        'error ports.overlap: rescue gateway 18809 overlaps main CDP band 18800–18899',
        'error ports.overlap: rescue browser control 18811 overlaps main CDP band 18800–18899',
        'error ports.overlap: rescue canvas 18813 overlaps main CDP band 18800–18899',
        'error ports.overlap: rescue CDP band 18820–18919 overlaps main CDP band 18800–18899',
      ],
    ],
    [
      'two instances share a state dir (manual env form gone wrong)',
      [inst('a', 18789), inst('b', 19789, {}, { stateDir: `${H}/.openclaw-a/` })],
      noFacts,
      [`error isolation.stateDir: a, b share the state dir ${H}/.openclaw-a`],
    ],
    [
      'shared config and workspace',
      [
        inst('a', 18789, {}, { configPath: '/srv/x.json', workspace: '/srv/ws' }),
        inst('b', 19789, {}, { configPath: '/srv//x.json', workspace: '/srv/ws' }),
      ],
      noFacts,
      ['error isolation.config: a, b share the config file /srv/x.json', 'error isolation.workspace: a, b share the workspace /srv/ws'],
    ],
    [
      'the same pinned browser.cdpUrl in two instances',
      [inst('a', 18789, { browser: { cdpUrl: 'http://127.0.0.1:9222' } }), inst('b', 19789, { browser: { cdpUrl: 'http://127.0.0.1:9222' } })],
      noFacts,
      ['error browser.cdpUrl.shared: a, b pin browser.cdpUrl to the same endpoint http://127.0.0.1:9222'],
    ],
    [
      'the same explicit cdpPort in two instances',
      [
        inst('a', 18789, { browser: { profiles: { work: { cdpPort: 30000 } } } }),
        inst('b', 19789, { browser: { profiles: { work: { cdpPort: 30000 } } } }),
      ],
      noFacts,
      ['error ports.overlap: b CDP port (work) 30000 (browser.profiles.work.cdpPort) overlaps a CDP port (work) 30000 (browser.profiles.work.cdpPort)'],
    ],
    [
      'remote Chrome shared by browser profiles of two instances: warning',
      [
        inst('a', 18789, { browser: { profiles: { r: { cdpUrl: 'http://10.0.0.5:9222' } } } }),
        inst('b', 19789, { browser: { profiles: { s: { cdpUrl: 'http://10.0.0.5:9222' } } } }),
      ],
      noFacts,
      ['warning browser.profile.cdpUrl.shared: browser profiles a/r, b/s attach to the same remote Chrome http://10.0.0.5:9222'],
    ],
    [
      'loose permissions and a stale lock; a live lock is fine',
      [inst('main', 18789)],
      {
        files: [
          { instance: 'main', kind: 'stateDir', path: `${H}/.openclaw-main`, mode: 0o755 },
          { instance: 'main', kind: 'token', path: `${H}/.openclaw-main/credentials/gateway.token`, mode: 0o644 },
          { instance: 'main', kind: 'config', path: `${H}/.openclaw-main/openclaw.json`, mode: 0o600 },
        ],
        owners: [
          { instance: 'main', kind: 'lock', path: `${H}/.openclaw-main/gateway.lock`, pid: 4242, alive: false },
          { instance: 'main', kind: 'runtime', path: `${H}/.openclaw-main/gateway.runtime.json`, pid: 77, alive: true },
        ],
        brokenConfigs: [],
      },
      [
        `error files.permissions: ${H}/.openclaw-main/credentials/gateway.token is 0644 (group/others can access it; want 0600)`,
        `warning files.permissions: ${H}/.openclaw-main is 0755 (group/others can access it; want 0700)`,
        `warning state.staleLock: ${H}/.openclaw-main/gateway.lock names pid 4242, which is not running (left by a gateway that was killed)`,
      ],
    ],
    [
      'a broken config is reported, not hidden',
      [],
      { files: [], owners: [], brokenConfigs: [{ instance: 'x', file: '/x.json', message: '/x.json:1:2: not valid JSON5' }] },
      ['error config.invalid: /x.json:1:2: not valid JSON5'],
    ],
  ];
  for (const [name, instances, facts, expected] of cases) {
    it(name, () => {
      const report = runDoctor({ instances, facts });
      assert.deepEqual(checks(report).sort(), [...expected].sort());
      assert.equal(report.ok, !expected.some((e) => e.startsWith('error')));
    });
  }

  it('repairs are data: chmod for permissions, unlink for stale owners', () => {
    const r = runDoctor({
      instances: [],
      facts: {
        files: [{ instance: 'm', kind: 'config', path: '/c.json', mode: 0o664 }],
        owners: [{ instance: 'm', kind: 'runtime', path: '/s/gateway.runtime.json', pid: 9, alive: false }],
        brokenConfigs: [],
      },
    });
    assert.deepEqual(
      r.findings.map((f) => f.repair),
      [
        { kind: 'chmod', path: '/c.json', mode: 0o600 },
        { kind: 'unlink', path: '/s/gateway.runtime.json' },
      ],
    );
    assert.deepEqual(r.counts, { error: 0, warning: 2, info: 0 });
  });

  it('runs plugin doctor checks and names a plugin whose check throws', () => {
    const good: ClawportPlugin = {
      apiVersion: 1,
      id: 'metrics',
      doctor: (instances) => instances.map((i) => ({ severity: 'info', check: 'metrics.seen', instance: i.name, message: `saw ${i.name}` })),
    };
    const bad: ClawportPlugin = { apiVersion: 1, id: 'broken', doctor: () => { throw new Error('boom'); } };
    const r = runDoctor({ instances: [inst('main', 18789)], facts: noFacts, plugins: [good, bad] });
    assert.deepEqual(checks(r), ['error plugin.broken.doctor: plugin broken: doctor check threw: boom', 'info metrics.seen: saw main']);
    assert.equal(r.ok, false);
  });
});
