import { AllocationError } from '../errors.js';
import { EPHEMERAL_RANGE, MAX_PORT, MIN_PORT } from './port-value.js';
import type { OpenClawConfig } from '../config/schema.js';
import type { ClawportPlugin } from '../plugins/contract.js';
import { resolveFootprint } from './footprint.js';

export interface PortRange {
  start: number;
  end: number;
}

export interface AllocateOptions {
  /** The footprint's ranges as offsets from the base (see footprintShape). */
  shape: readonly PortRange[];
  /** Ranges already claimed by other instances. */
  taken: readonly PortRange[];
  /** Ports with a live listener right now. */
  busy?: Iterable<number>;
  /** Lowest base to consider. */
  start?: number;
  /** Skip 32768–60999 (Linux ephemeral ports), default true. */
  avoidEphemeral?: boolean;
}

/** Sorts and merges ranges so a lookup is a binary search. */
export function mergeRanges(ranges: Iterable<PortRange>): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** The first merged range that intersects [start, end], or undefined. */
function firstHit(merged: readonly PortRange[], start: number, end: number): PortRange | undefined {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid].end < start) lo = mid + 1;
    else hi = mid;
  }
  const r = merged[lo];
  return r !== undefined && r.start <= end ? r : undefined;
}

/**
 * The lowest base ≥ start whose whole footprint is disjoint from every taken range and busy port, and
 * (by default) outside the ephemeral range; never one whose footprint crosses 65535.
 * When a shifted range hits a blocker, the base jumps just past the blocker: any smaller shift would
 * still hit it, so no free base is skipped.
 */
export function allocateBase(options: AllocateOptions): number {
  const shape = options.shape;
  if (shape.length === 0) throw new AllocationError('cannot allocate a base for an empty footprint');
  const blockers: PortRange[] = [...options.taken];
  for (const p of options.busy ?? []) blockers.push({ start: p, end: p });
  if (options.avoidEphemeral ?? true) blockers.push({ ...EPHEMERAL_RANGE });
  const merged = mergeRanges(blockers);
  const minOffset = Math.min(...shape.map((r) => r.start));
  const maxOffset = Math.max(...shape.map((r) => r.end));
  let base = Math.max(options.start ?? MIN_PORT, MIN_PORT - minOffset);
  outer: while (base + maxOffset <= MAX_PORT) {
    for (const r of shape) {
      const hit = firstHit(merged, base + r.start, base + r.end);
      if (hit) {
        base = hit.end - r.start + 1;
        continue outer;
      }
    }
    return base;
  }
  throw new AllocationError(
    `no base port ≥ ${options.start ?? MIN_PORT} has a free footprint of ${maxOffset - minOffset + 1} ports below ${MAX_PORT}`,
    'free some ports, or pass --port with a base you chose',
  );
}

/**
 * The footprint's moving ranges as offsets from the base: claims that follow the base (relative
 * claims). Explicit ports in config do not move with the base and are checked separately.
 */
export function footprintShape(config: OpenClawConfig, plugins: readonly ClawportPlugin[]): PortRange[] {
  const probe = 20000;
  const a = resolveFootprint('shape', probe, config, plugins).footprint.claims;
  const b = new Map(resolveFootprint('shape', probe + 1, config, plugins).footprint.claims.map((c) => [c.id, c]));
  return a
    .filter((c) => b.get(c.id)?.start === c.start + 1)
    .map((c) => ({ start: c.start - probe, end: c.end - probe }));
}
