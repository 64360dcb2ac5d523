import assert from 'node:assert/strict';
import { builtinManifests, resolveFootprint } from '@clawport/core';
import { foreignConflicts, overlapConflicts } from '../../../src/model/conflicts.js';

const fp = (name: string, base: number) => resolveFootprint(name, base, {}, builtinManifests).footprint;

describe('model/conflicts', () => {
  it('one conflict per pair of instances however many claims collide, on both sides', () => {
    const out = overlapConflicts([
      { footprint: fp('main', 18789), running: false, counts: true },
      { footprint: fp('b', 18809), running: false, counts: true },
    ]);
    assert.equal(out.get('main')!.length, 1);
    assert.equal(out.get('b')!.length, 1);
    const [m] = out.get('main')!;
    assert.deepEqual(m.mine, { roles: ['CDP band'], start: 18800, end: 18899 });
    assert.deepEqual(m.other, { instance: 'b', roles: ['gateway', 'browser control', 'canvas', 'CDP band'], start: 18809, end: 18919 });
    assert.equal(m.blocksStart, true);
  });

  const culprits: Array<[string, [string, number, boolean], [string, number, boolean], string]> = [
    ['the one whose base sits inside the other footprint', ['main', 18789, false], ['b', 18809, false], 'b'],
    ['the stopped one when the other runs', ['main', 18789, false], ['b', 18809, true], 'main'],
    ['the higher base when neither base is inside the other', ['x', 20000, false], ['y', 19950, false], 'x'],
  ];
  for (const [title, a, b, culprit] of culprits) {
    it(`culprit: ${title}`, () => {
      const out = overlapConflicts([
        { footprint: fp(a[0], a[1]), running: a[2], counts: true },
        { footprint: fp(b[0], b[1]), running: b[2], counts: true },
      ]);
      assert.equal(out.get(a[0])![0].culprit, culprit);
      assert.equal(out.get(b[0])![0].culprit, culprit);
    });
  }

  it('a foreign process on a single port: one conflict per port, naming it; bands are not conflicts', () => {
    const held = new Map([
      [19005, { pid: 7, command: 'python3' }],
      [19050, { pid: 8, command: 'chrome' }],
    ]);
    const out = foreignConflicts(fp('rescue', 19001), held);
    assert.deepEqual(out.map((c) => [c.port, c.process?.command, c.culprit, c.blocksStart]), [[19005, 'python3', 'rescue', true]]);
  });
});
