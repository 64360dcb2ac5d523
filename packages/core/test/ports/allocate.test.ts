import assert from 'node:assert/strict';
import { AllocationError } from '../../src/errors.js';
import { allocateBase, footprintShape, mergeRanges, type PortRange } from '../../src/ports/allocate.js';
import { footprint } from '../../src/ports/footprint.js';
import { overlaps } from '../../src/ports/overlap.js';
import { builtinManifests } from '../../src/plugins/builtin.js';
import { throwsLine } from '../helpers/expect-error.js';

const SHAPE = footprintShape({}, builtinManifests);
const claimsOf = (base: number): PortRange[] => footprint('x', base, {}, builtinManifests).claims.map(({ start, end }) => ({ start, end }));

describe('ports/allocate', () => {
  it('footprintShape of the default config: B, B+2, B+4, B+11..B+110', () => {
    assert.deepEqual([...SHAPE].sort((a, b) => a.start - b.start), [
      { start: 0, end: 0 },
      { start: 2, end: 2 },
      { start: 4, end: 4 },
      { start: 11, end: 110 },
    ]);
  });

  it('footprintShape leaves out explicit ports (they do not move with the base)', () => {
    const shape = footprintShape({ browser: { controlPort: 20000, profiles: { w: { cdpPort: 30000 } } } }, builtinManifests);
    assert.deepEqual([...shape].sort((a, b) => a.start - b.start), [{ start: 0, end: 0 }, { start: 4, end: 4 }]);
  });

  const table: Array<[string, Parameters<typeof allocateBase>[0], number]> = [
    ['nothing taken: the start itself', { shape: SHAPE, taken: [], start: 18789 }, 18789],
    ['main at 18789: the next whole footprint starts at 18900', { shape: SHAPE, taken: claimsOf(18789), start: 18789 }, 18900],
    ['main and 18900 taken', { shape: SHAPE, taken: [...claimsOf(18789), ...claimsOf(18900)], start: 18789 }, 19011],
    ['a busy port at the start shifts by one', { shape: SHAPE, taken: [], busy: [18789], start: 18789 }, 18790],
    ['a busy port inside the band', { shape: SHAPE, taken: [], busy: [18850], start: 18789 }, 18840],
    ['default start is 1024', { shape: SHAPE, taken: [] }, 1024],
    ['the ephemeral range 32768–60999 is skipped', { shape: SHAPE, taken: [], start: 32700 }, 61000],
    ['the footprint may not end inside the ephemeral range', { shape: SHAPE, taken: [], start: 32658 }, 61000],
    ['the last base below the ephemeral range', { shape: SHAPE, taken: [], start: 32657 }, 32657],
    ['unless asked', { shape: SHAPE, taken: [], start: 32700, avoidEphemeral: false }, 32700],
    ['the highest base whose band fits below 65535', { shape: SHAPE, taken: [], start: 65425 }, 65425],
    ['a single-port shape with a gap', { shape: [{ start: 0, end: 0 }], taken: [{ start: 2000, end: 2000 }], start: 2000 }, 2001],
    ['a shape with a gap fits around taken ports', { shape: [{ start: 0, end: 0 }, { start: 2, end: 2 }], taken: [{ start: 2001, end: 2001 }], start: 2000 }, 2000],
  ];
  for (const [name, options, expected] of table) {
    it(name, () => {
      const base = allocateBase(options);
      assert.equal(base, expected);
      for (const r of options.shape) assert.ok(base + r.end <= 65535);
    });
  }

  it('an allocated base really is disjoint from every taken footprint', () => {
    const taken = [18789, 18900, 19011].map((b) => footprint(`i${b}`, b, {}, builtinManifests));
    const base = allocateBase({ shape: SHAPE, taken: taken.flatMap((f) => f.claims), start: 18789 });
    assert.deepEqual(overlaps([...taken, footprint('new', base, {}, builtinManifests)]), []);
  });

  const full: Array<[string, Parameters<typeof allocateBase>[0], string]> = [
    ['no room below 65535', { shape: SHAPE, taken: [], start: 65426 }, 'no base port ≥ 65426 has a free footprint of 111 ports below 65535 (free some ports, or pass --port with a base you chose)'],
    ['everything taken', { shape: SHAPE, taken: [{ start: 1024, end: 65535 }] }, 'no base port ≥ 1024 has a free footprint of 111 ports below 65535 (free some ports, or pass --port with a base you chose)'],
    ['only the ephemeral range is free', { shape: SHAPE, taken: [{ start: 1024, end: 32767 }, { start: 61000, end: 65535 }] }, 'no base port ≥ 1024 has a free footprint of 111 ports below 65535 (free some ports, or pass --port with a base you chose)'],
    ['an empty shape', { shape: [], taken: [] }, 'cannot allocate a base for an empty footprint'],
  ];
  for (const [name, options, line] of full) {
    it(`AllocationError: ${name}`, () => throwsLine(() => allocateBase(options), AllocationError, line));
  }

  describe('mergeRanges', () => {
    const table: Array<[PortRange[], PortRange[]]> = [
      [[], []],
      [[{ start: 5, end: 6 }, { start: 1, end: 2 }], [{ start: 1, end: 2 }, { start: 5, end: 6 }]],
      [[{ start: 1, end: 2 }, { start: 3, end: 4 }], [{ start: 1, end: 4 }]],
      [[{ start: 1, end: 10 }, { start: 3, end: 4 }], [{ start: 1, end: 10 }]],
      [[{ start: 1, end: 3 }, { start: 2, end: 5 }, { start: 9, end: 9 }], [{ start: 1, end: 5 }, { start: 9, end: 9 }]],
    ];
    for (const [input, out] of table) it(JSON.stringify(input), () => assert.deepEqual(mergeRanges(input), out));
    it('does not modify its input', () => {
      const input = [{ start: 1, end: 2 }, { start: 2, end: 3 }];
      mergeRanges(input);
      assert.deepEqual(input, [{ start: 1, end: 2 }, { start: 2, end: 3 }]);
    });
  });
});
