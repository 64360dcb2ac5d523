import {
  type RuntimeInfo,
  overlaps,
  type Footprint,
  type Overlap,
} from '@clawport/core';
import { listListeners, type Listener } from '@clawport/core/node';

/** Moved to core (the config-edit guard uses it too). */
export { footprintAt } from '@clawport/core';

/** Overlaps between `mine` and the other footprints (not among the others). */
export function overlapsWith(mine: Footprint, others: readonly Footprint[]): Overlap[] {
  return overlaps([mine, ...others]).filter((o) => o.a.instance === mine.instance || o.b.instance === mine.instance);
}

/**
 * Live listeners that are not this instance's own running gateway (its runtime file's ports): what a
 * new base must avoid when the instance is set up again or asks for a suggestion while it runs.
 */
export async function foreignListeners(runtime: RuntimeInfo | undefined): Promise<Listener[]> {
  const own = (port: number) => (runtime?.ports ?? []).some((p) => port >= p.start && port <= p.end);
  return ((await listListeners()) ?? []).filter((l) => !own(l.port));
}
