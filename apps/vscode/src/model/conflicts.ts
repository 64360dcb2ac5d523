import { overlaps, type Footprint } from '@clawport/core';

/**
 * Overlap messages per instance name, from core's overlap proof: each overlap is reported on both
 * instances (and once for an overlap inside one instance).
 */
export function conflictsByInstance(footprints: readonly Footprint[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, message: string) => {
    const list = out.get(name) ?? [];
    if (!list.includes(message)) list.push(message);
    out.set(name, list);
  };
  for (const o of overlaps(footprints)) {
    add(o.a.instance, o.message);
    if (o.b.instance !== o.a.instance) add(o.b.instance, o.message);
  }
  return out;
}

/** Ports a stopped instance claims that something else already listens on (single-port claims only). */
export function foreignListeners(fp: Footprint, listening: ReadonlySet<number>): string[] {
  return fp.claims
    .filter((c) => c.start === c.end && listening.has(c.start))
    .map((c) => `${fp.instance} ${c.role} ${c.start} is already in use by another process`);
}
