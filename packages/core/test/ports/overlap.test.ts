import assert from 'node:assert/strict';
import { footprint, type Footprint } from '../../src/ports/footprint.js';
import { overlaps } from '../../src/ports/overlap.js';
import { builtinManifests } from '../../src/plugins/builtin.js';
import type { OpenClawConfig } from '../../src/config/schema.js';

const fp = (instance: string, base: number, config: OpenClawConfig = {}): Footprint => footprint(instance, base, config, builtinManifests);
const messages = (fps: Footprint[]) => overlaps(fps).map((o) => o.message);

describe('ports/overlap', () => {
  it('bases 18789 and 18809 (the seed’s "20 apart"): every overlap named precisely', () => {
    assert.deepEqual(messages([fp('main', 18789), fp('rescue', 18809)]).sort(), [
      'rescue CDP band 18820–18919 overlaps main CDP band 18800–18899',
      'rescue browser control 18811 overlaps main CDP band 18800–18899',
      'rescue canvas 18813 overlaps main CDP band 18800–18899',
      'rescue gateway 18809 overlaps main CDP band 18800–18899',
    ]);
  });

  it('the overlap carries both claims and the shared ports', () => {
    const found = overlaps([fp('main', 18789), fp('rescue', 18809)]);
    const gw = found.find((o) => o.a.claim.id === 'gateway');
    assert.ok(gw);
    assert.deepEqual(
      { a: [gw.a.instance, gw.a.claim.id], b: [gw.b.instance, gw.b.claim.id], start: gw.start, end: gw.end },
      { a: ['rescue', 'gateway'], b: ['main', 'browser.cdp'], start: 18809, end: 18809 },
    );
    const band = found.find((o) => o.a.claim.id === 'browser.cdp');
    assert.deepEqual([band?.start, band?.end], [18820, 18899]);
  });

  const disjoint: Array<[string, Footprint[]]> = [
    ['18789 and 19789', [fp('main', 18789), fp('rescue', 19789)]],
    ['18789 and 19001 (--dev)', [fp('main', 18789), fp('dev', 19001)]],
    ['adjacent footprints: 18789 and 18900', [fp('main', 18789), fp('next', 18900)]],
    ['a base that fits in the gaps: 18789 and 18790 without browser', [fp('main', 18789, { browser: { enabled: false } }), fp('b', 18790, { browser: { enabled: false } })]],
    ['one instance alone', [fp('main', 18789)]],
    ['no instances', []],
    ['explicit cdpPort inside its own band is allowed', [fp('main', 18789, { browser: { profiles: { work: { cdpPort: 18805 }, home: { cdpPort: 18806 } } } })]],
    ['explicit cdpPort outside the band, free', [fp('main', 18789, { browser: { profiles: { work: { cdpPort: 30000 } } } }), fp('r', 19789)]],
    ['cdpUrl profiles claim nothing', [fp('a', 18789, { browser: { profiles: { r: { cdpUrl: 'http://h:9222' } } } }), fp('b', 19789, { browser: { profiles: { r: { cdpUrl: 'http://h:9222' } } } })]],
  ];
  for (const [name, fps] of disjoint) it(`disjoint: ${name}`, () => assert.deepEqual(messages(fps), []));

  const flagged: Array<[string, Footprint[], string[]]> = [
    [
      'two instances with the same explicit cdpPort',
      [fp('main', 18789, { browser: { profiles: { work: { cdpPort: 30000 } } } }), fp('rescue', 19789, { browser: { profiles: { work: { cdpPort: 30000 } } } })],
      ['rescue CDP port (work) 30000 (browser.profiles.work.cdpPort) overlaps main CDP port (work) 30000 (browser.profiles.work.cdpPort)'],
    ],
    [
      'two browser profiles of one instance with the same cdpPort',
      [fp('main', 18789, { browser: { profiles: { a: { cdpPort: 18805 }, b: { cdpPort: 18805 } } } })],
      ['main CDP port (b) 18805 (browser.profiles.b.cdpPort) overlaps main CDP port (a) 18805 (browser.profiles.a.cdpPort)'],
    ],
    [
      'an explicit cdpPort inside another instance’s band',
      [fp('main', 18789), fp('rescue', 19789, { browser: { profiles: { work: { cdpPort: 18850 } } } })],
      ['rescue CDP port (work) 18850 (browser.profiles.work.cdpPort) overlaps main CDP band 18800–18899'],
    ],
    [
      'an explicit canvas port inside its own CDP band (only CDP ports may sit there)',
      [fp('main', 18789, { canvasHost: { port: 18850 } })],
      ['main canvas 18850 (canvasHost.port) overlaps main CDP band 18800–18899'],
    ],
    [
      'the same base twice',
      [fp('a', 18789, { browser: { enabled: false }, canvasHost: { enabled: false } }), fp('b', 18789, { browser: { enabled: false }, canvasHost: { enabled: false } })],
      ['b gateway 18789 overlaps a gateway 18789'],
    ],
  ];
  for (const [name, fps, expected] of flagged) it(`flagged: ${name}`, () => assert.deepEqual(messages(fps), expected));

  it('two instances that share a name are still proven disjoint (identity is the footprint)', () => {
    assert.deepEqual(messages([fp('main', 18789, { browser: { enabled: false } }), fp('main', 18789, { browser: { enabled: false } })]), [
      'main gateway 18789 overlaps main gateway 18789',
      'main canvas 18793 overlaps main canvas 18793',
    ]);
  });

  it('three instances: only the overlapping pairs', () => {
    const found = messages([fp('main', 18789), fp('rescue', 19789), fp('late', 19800)]);
    assert.ok(found.length > 0);
    for (const m of found) assert.match(m, /^(late .* overlaps rescue |rescue .* overlaps late )/);
    assert.ok(found.includes('rescue CDP band 19800–19899 overlaps late gateway 19800'));
  });

  it('is deterministic regardless of input order', () => {
    const fps = [fp('main', 18789), fp('rescue', 18809), fp('third', 18829)];
    assert.deepEqual(messages([...fps].reverse()), messages(fps));
  });
});
