import { overlaps, type Footprint, type ResolvedClaim } from '@clawport/core';
import type { Conflict, ForeignProcess } from './snapshot.js';

/** What the overlap proof needs to know about an instance besides its footprint. */
export interface FootprintOf {
  footprint: Footprint;
  running: boolean;
  /** The gateway's preflight counts it (it runs, or its config validates), so an overlap blocks a start. */
  counts: boolean;
}

const span = (claims: readonly ResolvedClaim[]) => ({
  roles: [...new Set(claims.map((c) => c.role))],
  start: Math.min(...claims.map((c) => c.start)),
  end: Math.max(...claims.map((c) => c.end)),
});

const inside = (port: number, claims: readonly ResolvedClaim[]) => claims.some((c) => port >= c.start && port <= c.end);

/**
 * Who should move when two footprints overlap: the one not running (moving it costs nothing), else the
 * one whose base port was put inside the other's claims (it caused the overlap), else the higher base.
 */
export function culpritOf(a: FootprintOf, b: FootprintOf): FootprintOf {
  if (a.running !== b.running) return a.running ? b : a;
  const aIn = inside(a.footprint.base, b.footprint.claims);
  const bIn = inside(b.footprint.base, a.footprint.claims);
  if (aIn !== bIn) return aIn ? a : b;
  return a.footprint.base >= b.footprint.base ? a : b;
}

/**
 * Overlap conflicts per instance name, from core's overlap proof: ONE conflict per pair of instances
 * (however many claims collide), reported on both, naming the culprit to move. An overlap inside one
 * instance is its own fault.
 */
export function overlapConflicts(items: readonly FootprintOf[]): Map<string, Conflict[]> {
  const byName = new Map(items.map((i) => [i.footprint.instance, i]));
  const pairs = new Map<string, { a: string; b: string; mine: Map<string, ResolvedClaim[]> }>();
  for (const o of overlaps(items.map((i) => i.footprint))) {
    const [a, b] = [o.a.instance, o.b.instance].sort();
    const key = `${a}\u0000${b}`;
    const pair = pairs.get(key) ?? { a, b, mine: new Map([[a, []], [b, []]]) };
    for (const ref of [o.a, o.b]) {
      const list = pair.mine.get(ref.instance)!;
      if (!list.some((c) => c.id === ref.claim.id)) list.push(ref.claim);
    }
    pairs.set(key, pair);
  }
  const out = new Map<string, Conflict[]>();
  const add = (name: string, c: Conflict) => out.set(name, [...(out.get(name) ?? []), c]);
  for (const { a, b, mine } of pairs.values()) {
    const A = byName.get(a)!;
    const B = byName.get(b)!;
    const blocks = A.counts && B.counts;
    if (a === b) {
      add(a, { kind: 'overlap', mine: span(mine.get(a)!), culprit: a, severity: 'error', blocksStart: true });
      continue;
    }
    const culprit = culpritOf(A, B).footprint.instance;
    add(a, { kind: 'overlap', mine: span(mine.get(a)!), other: { instance: b, ...span(mine.get(b)!) }, culprit, severity: 'error', blocksStart: blocks });
    add(b, { kind: 'overlap', mine: span(mine.get(b)!), other: { instance: a, ...span(mine.get(a)!) }, culprit, severity: 'error', blocksStart: blocks });
  }
  return out;
}

/**
 * Single ports a stopped instance claims that some other process listens on: one conflict per port,
 * naming the process. The gateway refuses to start then; the fix is to move this instance.
 */
export function foreignConflicts(fp: Footprint, held: ReadonlyMap<number, ForeignProcess>): Conflict[] {
  return fp.claims
    .filter((c) => c.start === c.end && held.has(c.start))
    .map((c) => ({
      kind: 'foreign' as const,
      mine: { roles: [c.role], start: c.start, end: c.end },
      port: c.start,
      process: held.get(c.start),
      culprit: fp.instance,
      severity: 'warning' as const,
      blocksStart: true,
    }));
}
