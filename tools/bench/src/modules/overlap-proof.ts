import { builtinManifests, footprint, overlaps, type Footprint } from '@clawport/core';
import { figure, type BenchModule, type Figure } from '../types.js';
import { median, round } from '../lib/stats.js';

const SIZES = [100, 10_000, 100_000];

/**
 * n synthetic instances: the real default footprint (core footprint() with the built-in plugins:
 * gateway, browser control, canvas, CDP band) shifted by n×span, so every footprint is disjoint.
 * Past ~580 instances that leaves 1–65535; overlaps() does not care, and a disjoint set is the
 * expensive case for a proof (it must look at everything and find nothing).
 */
function syntheticFootprints(n: number): Footprint[] {
  const shape = footprint('x', 18789, {}, builtinManifests);
  const lo = Math.min(...shape.claims.map((c) => c.start));
  const span = Math.max(...shape.claims.map((c) => c.end)) - lo + 1;
  const out: Footprint[] = [];
  for (let i = 0; i < n; i++) {
    const d = i * span - lo + 1024;
    out.push({ instance: `i${i}`, base: shape.base + d, claims: shape.claims.map((c) => ({ ...c, start: c.start + d, end: c.end + d })) });
  }
  return out;
}

/** Median wall time of fn over `runs` runs, ms. */
function timeIt(runs: number, fn: () => unknown): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/**
 * `ports check`'s proof (core overlaps(): sort and sweep) at 100 / 10,000 / 100,000 instances;
 * baseline: sorting the same claims by start, the floor of any sort-and-sweep.
 */
export const overlapProof: BenchModule = {
  name: 'overlap proof',
  run(ctx) {
    const rows: Figure[] = [];
    let prev: { n: number; ms: number } | undefined;
    for (const n of SIZES) {
      ctx.progress(`ports check: ${n} instances`);
      const fps = syntheticFootprints(n);
      const refs = fps.flatMap((f) => f.claims.map((claim) => ({ instance: f.instance, claim })));
      const runs = n >= 100_000 ? 3 : n >= 10_000 ? 7 : 50;
      let found = -1;
      const ms = timeIt(runs, () => (found = overlaps(fps).length));
      if (found !== 0) throw new Error(`synthetic footprints overlap (${found}): the generator is wrong`);
      const sortMs = timeIt(runs, () => [...refs].sort((a, b) => a.claim.start - b.claim.start));
      const growth = prev ? `; ×${round(ms / prev.ms, 1)} time for ×${n / prev.n} instances` : '';
      rows.push(
        figure({
          id: `portsCheck.${n}`,
          label: `ports check proof, ${n.toLocaleString('en-US')} instances`,
          value: ms,
          unit: 'ms',
          baseline: { label: `sort ${refs.length.toLocaleString('en-US')} claims`, value: sortMs },
          samples: runs,
          note: `${refs.length} claims, disjoint${growth}`,
          ...(n === 10_000 ? { target: { on: 'value' as const, op: '<=' as const, limit: 100 } } : {}),
        }),
      );
      prev = { n, ms };
    }
    return Promise.resolve(rows);
  },
};
