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

/** `main metrics 61905`, with the config key when one sets the port: `main metrics 61905 (metrics.port)`. */
export function describeClaim(ref: ClaimRef): string {
  const key = ref.claim.key ? ` (${ref.claim.key})` : '';
  return `${ref.instance} ${ref.claim.role} ${formatRange(ref.claim.start, ref.claim.end)}${key}`;
}

/** A claim and the footprint it came from: "same instance" means the same footprint, not the same name. */
interface Entry extends ClaimRef {
  footprint: number;
}

/**
 * Sub-claims sit inside their parent on purpose (an explicit cdpPort inside its own band). Identity is
 * the footprint, not the instance name: two instances that happen to share a name (a registered custom
 * `main` and the profile `main`) must still be proven disjoint.
 */
function allowed(x: Entry, y: Entry): boolean {
  if (x.footprint !== y.footprint) return false;
  if (x.claim.id === y.claim.id) return true;
  return x.claim.within === y.claim.id || y.claim.within === x.claim.id;
}

/** A binary min-heap on `end`, so expired claims leave the sweep in O(log n). */
class EndHeap {
  readonly items: Entry[] = [];
  push(x: Entry): void {
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
  peek(): Entry | undefined {
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
  const entries: Entry[] = [];
  footprints.forEach((fp, i) => {
    for (const claim of fp.claims) entries.push({ instance: fp.instance, claim, footprint: i });
  });
  entries.sort(
    (x, y) =>
      x.claim.start - y.claim.start ||
      x.claim.end - y.claim.end ||
      (x.instance < y.instance ? -1 : x.instance > y.instance ? 1 : 0) ||
      (x.claim.id < y.claim.id ? -1 : x.claim.id > y.claim.id ? 1 : 0),
  );
  const active = new EndHeap();
  const found: Overlap[] = [];
  for (const entry of entries) {
    while (active.peek() !== undefined && active.peek()!.claim.end < entry.claim.start) active.pop();
    for (const other of active.items) {
      if (allowed(entry, other)) continue;
      const a: ClaimRef = { instance: entry.instance, claim: entry.claim };
      const b: ClaimRef = { instance: other.instance, claim: other.claim };
      found.push({
        a,
        b,
        start: a.claim.start,
        end: Math.min(a.claim.end, b.claim.end),
        message: `${describeClaim(a)} overlaps ${describeClaim(b)}`,
      });
    }
    active.push(entry);
  }
  return found;
}
