import assert from 'node:assert/strict';
import { PortConflictError } from '@clawport/core';
import { assertDisjoint, suggestBase } from '../../../src/model/new-profile.js';
import { snap } from '../fixtures.js';

describe('model/new-profile', () => {
  const cases: Array<{ title: string; existing: number[]; busy: number[]; want: number }> = [
    { title: 'empty host: the default base', existing: [], busy: [], want: 18789 },
    { title: 'main on 18789: the first base past its whole footprint', existing: [18789], busy: [], want: 18900 },
    { title: 'a live listener on a derived port (canvas) moves it just past', existing: [18789], busy: [18904], want: 18901 },
    { title: 'a gap too small for a footprint is skipped', existing: [18789, 18950], busy: [], want: 19061 },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const snaps = c.existing.map((b, i) => snap(`p${i}`, b));
      const base = suggestBase(snaps, c.busy);
      assert.equal(base, c.want);
      assert.doesNotThrow(() => assertDisjoint('new', base, snaps));
    });
  }

  it('refuses a base inside another footprint, naming both claims', () => {
    assert.throws(
      () => assertDisjoint('x', 18809, [snap('main', 18789)]),
      (e: unknown) => e instanceof PortConflictError && e.message === 'x gateway 18809 overlaps main CDP band 18800–18899' && e.owner === 'main',
    );
  });

  it('refuses a base whose band would pass 65535', () => {
    assert.throws(() => assertDisjoint('x', 65500, []), /outside 1024–65535/);
  });
});
