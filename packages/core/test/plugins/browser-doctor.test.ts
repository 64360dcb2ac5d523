import assert from 'node:assert/strict';
import { footprint } from '../../src/ports/footprint.js';
import { browserManifest, builtinManifests } from '../../src/plugins/builtin.js';
import { browserDoctor } from '../../src/plugins/browser-doctor.js';
import type { DoctorInstance } from '../../src/plugins/contract.js';
import type { OpenClawConfig } from '../../src/config/schema.js';
import { runDoctor } from '../../src/doctor/run.js';

function inst(name: string, base: number, config: OpenClawConfig = {}): DoctorInstance {
  return {
    name,
    profile: name,
    stateDir: `/home/u/.openclaw-${name}`,
    configPath: `/home/u/.openclaw-${name}/openclaw.json`,
    workspace: `/home/u/.openclaw/workspace-${name}`,
    base,
    config,
    // A band past 65535 drops the browser claims from the footprint; doctor must still see it.
    footprint: footprint(name, base, config, builtinManifests.filter((p) => base + 2 + 108 <= 65535 || p.id !== 'browser')).claims,
  };
}
const lines = (findings: ReturnType<typeof browserDoctor>) => findings.map((f) => `${f.severity} ${f.check}: ${f.message}`);

describe('plugins/browser-doctor', () => {
  const cases: Array<[string, DoctorInstance[], string[]]> = [
    ['main 18789 + rescue 19789 with local profiles: clean', [
      inst('main', 18789, { browser: { profiles: { work: { cdpPort: 18805 } } } }),
      inst('rescue', 19789, { browser: { profiles: { work: { cdpPort: 19805 } } } }),
    ], []],
    ['the same pinned browser.cdpUrl spelled two ways', [
      inst('a', 18789, { browser: { cdpUrl: 'http://localhost:9222' } }),
      inst('b', 19789, { browser: { cdpUrl: 'http://127.0.0.1:9222/' } }),
    ], ['error browser.cdpEndpoint.shared: a browser.cdpUrl http://localhost:9222, b browser.cdpUrl http://127.0.0.1:9222/ reach the same Chrome http://127.0.0.1:9222']],
    ['a pin in one instance, a profile cdpUrl (ws form) in another', [
      inst('a', 18789, { browser: { cdpUrl: 'http://10.0.0.5:9222' } }),
      inst('b', 19789, { browser: { profiles: { r: { cdpUrl: 'ws://10.0.0.5:9222/devtools/browser/x' } } } }),
    ], ['error browser.cdpEndpoint.shared: a browser.cdpUrl http://10.0.0.5:9222, b browser.profiles.r.cdpUrl ws://10.0.0.5:9222/devtools/browser/x reach the same Chrome http://10.0.0.5:9222']],
    ['identical strings are left to core (no duplicate finding)', [
      inst('a', 18789, { browser: { cdpUrl: 'http://127.0.0.1:9222' } }),
      inst('b', 19789, { browser: { cdpUrl: 'http://127.0.0.1:9222' } }),
    ], []],
    ['a cdpUrl into another instance\'s CDP band', [
      inst('main', 18789),
      inst('rescue', 19789, { browser: { profiles: { spy: { cdpUrl: 'http://127.0.0.1:18850' } } } }),
    ], ['error browser.cdpUrl.foreign: rescue browser.profiles.spy.cdpUrl http://127.0.0.1:18850 points into main CDP band 18800–18899']],
    ['a cdpUrl into its own band', [inst('main', 18789, { browser: { cdpUrl: 'http://localhost:18800' } })], [
      'warning browser.cdpUrl.ownFootprint: main browser.cdpUrl http://localhost:18800 points into main CDP band 18800–18899',
    ]],
    ['a band that passes 65535', [inst('top', 65430)], [
      'error browser.band.range: top CDP band 65441–65540 (browser control 65432 + 9..108) passes 65535',
    ]],
    ['a control port moved into the ephemeral range', [inst('eph', 18789, { browser: { controlPort: 40000 } })], [
      'warning browser.ports.ephemeral: eph browser control 40000 / CDP band 40009–40108 reach into the ephemeral range 32768–60999',
    ]],
    ['explicit cdpPort outside the band, and cdpPort next to cdpUrl', [
      inst('main', 18789, { browser: { profiles: { far: { cdpPort: 25000 }, both: { cdpPort: 18801, cdpUrl: 'http://10.0.0.9:9222' } } } }),
    ], [
      'warning browser.cdpPort.outsideBand: main browser profile far cdpPort 25000 is outside its CDP band 18800–18899',
      'warning browser.profile.ambiguous: main browser profile both sets both cdpPort 18801 and cdpUrl http://10.0.0.9:9222; cdpUrl wins',
    ]],
    ['a disabled browser plugin is not judged', [inst('off', 65400, { browser: { enabled: false, cdpUrl: 'http://localhost:9222' } })], []],
  ];
  for (const [name, instances, expected] of cases) {
    it(name, () => assert.deepEqual(lines(browserDoctor(instances)), expected));
  }

  it('is the browser manifest\'s doctor member, with file and keyPath for the editor', () => {
    const [f] = browserManifest.doctor!([inst('eph', 18789, { browser: { controlPort: 40000 } })]);
    assert.equal(f.file, '/home/u/.openclaw-eph/openclaw.json');
    assert.equal(f.keyPath, 'browser.controlPort');
  });

  it('with core\'s checks: explicit cdpPort reused across instances is one error, pinned cdpUrl one error', () => {
    const instances = [
      inst('a', 18789, { browser: { cdpUrl: 'http://127.0.0.1:9222', profiles: { work: { cdpPort: 30000 } } } }),
      inst('b', 19789, { browser: { cdpUrl: 'http://127.0.0.1:9222', profiles: { work: { cdpPort: 30000 } } } }),
    ];
    const report = runDoctor({ instances, facts: { files: [], owners: [], brokenConfigs: [] }, plugins: builtinManifests });
    assert.deepEqual(lines(report.findings), [
      'error browser.cdpUrl.shared: a, b pin browser.cdpUrl to the same endpoint http://127.0.0.1:9222',
      'error ports.overlap: b CDP port (work) 30000 (browser.profiles.work.cdpPort) overlaps a CDP port (work) 30000 (browser.profiles.work.cdpPort)',
      'warning browser.cdpPort.outsideBand: a browser profile work cdpPort 30000 is outside its CDP band 18800–18899',
      'warning browser.cdpPort.outsideBand: b browser profile work cdpPort 30000 is outside its CDP band 19800–19899',
    ]);
    assert.equal(report.ok, false);
  });

  // Found by the docs-only trial: the browser plugin's own checks quoted the config's cdpUrl as written.
  it('no finding carries the password of a URL (a pinned cdpUrl into a CDP band, the same Chrome twice): <redacted>, in message and fix', () => {
    const instances = [
      inst('main', 18789, { browser: { cdpUrl: 'http://bob:PASSWURD1@127.0.0.1:9222' } }),
      inst('rescue', 19789, { browser: { profiles: { w: { cdpUrl: 'http://bob:PASSWURD1@127.0.0.1:9222' } } } }),
      inst('side', 20789, { browser: { cdpUrl: 'http://eve:PASSWURD2@127.0.0.1:18850' } }),
    ];
    const report = runDoctor({ instances, facts: { files: [], owners: [], brokenConfigs: [] }, plugins: builtinManifests });
    const text = JSON.stringify(report);
    assert.ok(!text.includes('PASSWURD'), text);
    const all = lines(report.findings);
    assert.ok(all.some((l) => l.includes('reach the same Chrome') && l.includes('http://bob:<redacted>@127.0.0.1:9222')), all.join('\n'));
    assert.ok(all.some((l) => l.includes('points into main CDP band') && l.includes('http://eve:<redacted>@127.0.0.1:18850')), all.join('\n'));
  });
});
