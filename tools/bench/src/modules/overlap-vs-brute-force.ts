import { builtinManifests, footprint, overlaps, type Footprint, type ResolvedClaim } from '@clawport/core';
import { figure, type BenchModule, type Figure } from '../types.js';
import { median } from '../lib/stats.js';

const SIZES = [100, 1_000];
const RUNS = 7;

/** The obvious proof: every pair of claims, O(m²). What sort-and-sweep is measured against. */
function allPairs(footprints: readonly Footprint[]): number {
  const refs: Array<{ instance: string; claim: ResolvedClaim }> = [];
  for (const fp of footprints) for (const claim of fp.claims) refs.push({ instance: fp.instance, claim });
  let found = 0;
  for (let i = 0; i < refs.length; i++) {
    const x = refs[i];
    for (let j = i + 1; j < refs.length; j++) {
      const y = refs[j];
      if (x.claim.start > y.claim.end || y.claim.start > x.claim.end) continue;
      const nested = x.instance === y.instance && (x.claim.within === y.claim.id || y.claim.within === x.claim.id);
      if (!nested) found++;
    }
  }
  return found;
}

/**
 * n instances `step` ports apart, from the real default footprint (gateway, control, canvas, CDP band,
 * plus one explicit cdpPort inside the band). step 111 = disjoint (the proof must look at everything
 * and find nothing); step 20 = the seed's "20 ports apart", where every neighbour overlaps.
 * Bases pass 65535 for large n: overlaps() does not care, and it keeps the shape real.
 */
function shifted(n: number, step: number): Footprint[] {
  const shape = footprint('x', 18789, { browser: { profiles: { work: { cdpPort: 18805 } } } }, builtinManifests);
  const out: Footprint[] = [];
  for (let i = 0; i < n; i++) {
    const d = i * step;
    out.push({ instance: `i${i}`, base: shape.base + d, claims: shape.claims.map((c) => ({ ...c, start: c.start + d, end: c.end + d })) });
  }
  return out;
}

function timeMedian(fn: () => number): { ms: number; result: number } {
  let result = fn(); // warm-up, and the answer both proofs must agree on
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    xs.push(performance.now() - t0);
  }
  return { ms: median(xs), result };
}

/**
 * `ports check`'s sort-and-sweep against the all-pairs oracle on the same footprints in the same run,
 * at 100 and 1,000 instances, disjoint and 20 ports apart. Both must report the same number of
 * overlaps, or the module fails: a fast wrong proof is worth nothing.
 */
export const overlapVsBruteForce: BenchModule = {
  name: 'overlap proof vs all pairs',
  run(ctx) {
    const rows: Figure[] = [];
    for (const [layout, step] of [['disjoint', 111], ['20 ports apart', 20]] as const) {
      for (const n of SIZES) {
        ctx.progress(`ports check vs all pairs: ${n} instances, ${layout}`);
        const fps = shifted(n, step);
        const sweep = timeMedian(() => overlaps(fps).length);
        const pairs = timeMedian(() => allPairs(fps));
        if (sweep.result !== pairs.result) {
          throw new Error(`overlaps() found ${sweep.result} overlaps, all pairs ${pairs.result} (${n} instances, ${layout})`);
        }
        const claims = fps.reduce((s, f) => s + f.claims.length, 0);
        rows.push(
          figure({
            id: `portsCheck.vsAllPairs.${step === 111 ? 'disjoint' : 'step20'}.${n}`,
            label: `ports check proof, ${n.toLocaleString('en-US')} instances ${layout}`,
            value: sweep.ms,
            unit: 'ms',
            baseline: { label: `all-pairs oracle (${((claims * (claims - 1)) / 2).toLocaleString('en-US')} pairs)`, value: pairs.ms },
            samples: RUNS,
            note: `${claims} claims; ${sweep.result} overlaps, same as the oracle`,
          }),
        );
      }
    }
    return Promise.resolve(rows);
  },
};
