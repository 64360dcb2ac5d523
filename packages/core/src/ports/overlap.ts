import type { ResolvedClaim } from '../plugins/contract.js';
import { formatRange, type Footprint } from './footprint.js';

export interface ClaimRef {
  instance: string;
  claim: ResolvedClaim;
}

/** Two claims that share at least one port. `b` starts no later than `a`. */
export interface Overlap {
  a: ClaimRef;
  b: ClaimRef;
  /** The shared ports. */
  start: number;
  end: number;
  /** `rescue gateway 18809 overlaps main CDP band 18800–18899` */
  message: string;
}

export function describeClaim(ref: ClaimRef): string {
  return `${ref.instance} ${ref.claim.role} ${formatRange(ref.claim.start, ref.claim.end)}`;
}

/** Sub-claims sit inside their parent on purpose (an explicit cdpPort inside its own band). */
function allowed(x: ClaimRef, y: ClaimRef): boolean {
  if (x.instance !== y.instance) return false;
  if (x.claim.id === y.claim.id) return true;
  return x.claim.within === y.claim.id || y.claim.within === x.claim.id;
}

/** A binary min-heap on `end`, so expired claims leave the sweep in O(log n). */
class EndHeap {
  readonly items: ClaimRef[] = [];
  push(x: ClaimRef): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].claim.end <= a[i].claim.end) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  peek(): ClaimRef | undefined {
    return this.items[0];
  }
  pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && a[l].claim.end < a[m].claim.end) m = l;
      if (r < a.length && a[r].claim.end < a[m].claim.end) m = r;
      if (m === i) break;
      [a[m], a[i]] = [a[i], a[m]];
      i = m;
    }
  }
}

/**
 * Proves footprints disjoint, or lists every overlap: sort by start, sweep with a heap of active
 * claims ordered by end. O(n log n + k) for n claims and k overlaps; an empty result is the proof.
 */
export function overlaps(footprints: readonly Footprint[]): Overlap[] {
  const refs: ClaimRef[] = [];
  for (const fp of footprints) for (const claim of fp.claims) refs.push({ instance: fp.instance, claim });
  refs.sort(
    (x, y) =>
      x.claim.start - y.claim.start ||
      x.claim.end - y.claim.end ||
      (x.instance < y.instance ? -1 : x.instance > y.instance ? 1 : 0) ||
      (x.claim.id < y.claim.id ? -1 : x.claim.id > y.claim.id ? 1 : 0),
  );
  const active = new EndHeap();
  const found: Overlap[] = [];
  for (const ref of refs) {
    while (active.peek() !== undefined && active.peek()!.claim.end < ref.claim.start) active.pop();
    for (const other of active.items) {
      if (allowed(ref, other)) continue;
      found.push({
        a: ref,
        b: other,
        start: ref.claim.start,
        end: Math.min(ref.claim.end, other.claim.end),
        message: `${describeClaim(ref)} overlaps ${describeClaim(other)}`,
      });
    }
    active.push(ref);
  }
  return found;
}
