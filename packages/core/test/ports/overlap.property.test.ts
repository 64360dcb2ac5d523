import assert from 'node:assert/strict';
import fc from 'fast-check';
import { footprint, type Footprint } from '../../src/ports/footprint.js';
import { describeClaim, overlaps, type ClaimRef } from '../../src/ports/overlap.js';
import { builtinManifests } from '../../src/plugins/builtin.js';
import type { ResolvedClaim } from '../../src/plugins/contract.js';

/** The obvious O(n²) proof: every pair of claims that shares a port and is not a sub-claim of the other. */
function bruteForce(footprints: readonly Footprint[]): string[] {
  const refs = footprints.flatMap((fp, index) => fp.claims.map((claim) => ({ instance: fp.instance, claim, index })));
  const out: string[] = [];
  for (let i = 0; i < refs.length; i++) {
    for (let j = i + 1; j < refs.length; j++) {
      const [x, y] = [refs[i], refs[j]];
      const start = Math.max(x.claim.start, y.claim.start);
      const end = Math.min(x.claim.end, y.claim.end);
      if (start > end) continue;
      // Same footprint, not same name: two instances may share a name and must still be proven disjoint.
      const nested = x.index === y.index && (x.claim.within === y.claim.id || y.claim.within === x.claim.id);
      if (!nested) out.push(pairKey(x, y, start, end));
    }
  }
  return out.sort();
}

function pairKey(x: ClaimRef, y: ClaimRef, start: number, end: number): string {
  const [p, q] = [`${x.instance}/${x.claim.id}/${x.claim.start}`, `${y.instance}/${y.claim.id}/${y.claim.start}`].sort();
  return `${p} & ${q} @ ${start}-${end}`;
}

function sweep(footprints: readonly Footprint[]): string[] {
  return overlaps(footprints)
    .map((o) => {
      // What every overlap promises besides the pair: `b` starts no later than `a`, the message names both.
      assert.ok(o.b.claim.start <= o.a.claim.start);
      assert.equal(o.message, `${describeClaim(o.a)} overlaps ${describeClaim(o.b)}`);
      return pairKey(o.a, o.b, o.start, o.end);
    })
    .sort();
}

/** Random claims in a small port space (1024–1124), so overlaps are frequent; some sit `within` another. */
const claimsArb = fc
  .array(fc.record({ start: fc.integer({ min: 1024, max: 1124 }), length: fc.integer({ min: 1, max: 12 }), parent: fc.option(fc.nat(5), { nil: undefined }) }), { maxLength: 6 })
  .map((raw) =>
    raw.map((r, i): ResolvedClaim => ({
      id: `c${i}`,
      role: `role${i}`,
      owner: 'p',
      bind: 'loopback',
      start: r.start,
      end: r.start + r.length - 1,
      ...(r.parent !== undefined && r.parent !== i && r.parent < raw.length ? { within: `c${r.parent}` } : {}),
    })),
  );

/** Instance names are mostly unique; sometimes two share one (a registered `main` and the profile `main`). */
const footprintsArb = fc
  .array(fc.tuple(claimsArb, fc.nat(9)), { maxLength: 8 })
  .map((all) => all.map(([claims, name], i): Footprint => ({ instance: name < 8 ? `i${i}` : 'dup', base: 0, claims })));

describe('ports/overlap (property): sort-and-sweep equals the all-pairs oracle', () => {
  it('random claims on a small port space', () => {
    fc.assert(fc.property(footprintsArb, (fps) => assert.deepEqual(sweep(fps), bruteForce(fps))), { numRuns: 500 });
  });

  it('real footprints: random bases and explicit CDP ports', () => {
    const instanceArb = fc.record({
      base: fc.integer({ min: 1024, max: 1400 }),
      cdp: fc.array(fc.integer({ min: 1024, max: 1600 }), { maxLength: 3 }),
      canvas: fc.option(fc.integer({ min: 1024, max: 1600 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(instanceArb, { maxLength: 6 }), (rows) => {
        const fps = rows.map((r, i) =>
          footprint(`i${i}`, r.base, {
            browser: { profiles: Object.fromEntries(r.cdp.map((port, k) => [`p${k}`, { cdpPort: port }])) },
            ...(r.canvas !== undefined ? { canvasHost: { port: r.canvas } } : {}),
          }, builtinManifests),
        );
        assert.deepEqual(sweep(fps), bruteForce(fps));
      }),
      { numRuns: 300 },
    );
  });

  it('the result does not depend on the order of footprints or claims', () => {
    fc.assert(
      fc.property(footprintsArb, fc.func(fc.integer()), (fps, rank) => {
        const shuffled = [...fps].map((f) => ({ ...f, claims: [...f.claims].sort((a, b) => rank(a.id) - rank(b.id)) })).reverse();
        assert.deepEqual(overlaps(shuffled).map((o) => o.message), overlaps(fps).map((o) => o.message));
      }),
      { numRuns: 200 },
    );
  });
});
