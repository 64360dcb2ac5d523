import {
  DEFAULT_BASE_PORT,
  PortConflictError,
  allocateBase,
  builtinManifests,
  footprintShape,
  overlaps,
  resolveFootprint,
  type ClawportPlugin,
  type Footprint,
} from '@clawport/core';
import type { InstanceSnapshot } from './snapshot.js';

/** Every instance's footprint as the overlap proof wants it. */
export function footprintsOf(snapshots: readonly InstanceSnapshot[]): Footprint[] {
  return snapshots.map((s) => ({ instance: s.name, base: s.base, claims: s.ports.map((p) => p.claim) }));
}

/**
 * The lowest base ≥ 18789 whose whole default footprint (gateway, browser control, canvas, CDP band) is
 * free of every instance's claims and of live listeners, outside the ephemeral range (core's allocator).
 */
export function suggestBase(snapshots: readonly InstanceSnapshot[], busy: Iterable<number>, plugins: readonly ClawportPlugin[] = builtinManifests, start = DEFAULT_BASE_PORT): number {
  const taken = snapshots.flatMap((s) => s.ports.map((p) => ({ start: p.claim.start, end: p.claim.end })));
  return allocateBase({ shape: footprintShape({}, plugins), taken, busy, start });
}

/** Refuses a base whose footprint would overlap an existing instance, naming both claims. */
export function assertDisjoint(name: string, base: number, snapshots: readonly InstanceSnapshot[], plugins: readonly ClawportPlugin[] = builtinManifests): void {
  const fresh = resolveFootprint(name, base, { gateway: { port: base } }, plugins);
  if (fresh.errors.length > 0) throw fresh.errors[0];
  const hit = overlaps([fresh.footprint, ...footprintsOf(snapshots)]).find((o) => o.a.instance === name || o.b.instance === name);
  if (hit) {
    const mine = hit.a.instance === name ? hit.a : hit.b;
    const other = mine === hit.a ? hit.b : hit.a;
    throw new PortConflictError(hit.message, 'accept the suggested base port', hit.start, mine.claim.role, other.instance);
  }
}
