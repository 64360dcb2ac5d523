import { builtinManifests, resolveFootprint, type OpenClawConfig } from '@clawport/core';
import type { Conflict, InstanceSnapshot } from '../../src/model/snapshot.js';

/** A snapshot as host/snapshot.ts would build it, with the real built-in footprint for `base`. */
export function snap(name: string, base: number, over: Partial<InstanceSnapshot> = {}, config: OpenClawConfig = {}): InstanceSnapshot {
  const fp = resolveFootprint(name, base, config, builtinManifests).footprint;
  const running = over.running ?? false;
  return {
    key: `/h/.openclaw-${name}`,
    name,
    profile: name,
    stateDir: `/h/.openclaw-${name}`,
    configPath: `/h/.openclaw-${name}/openclaw.json`,
    configExists: true,
    config,
    workspace: `/h/.openclaw/workspace-${name}`,
    base,
    custom: false,
    running,
    run: running ? 'running' : 'stopped',
    ports: fp.claims.map((claim) => ({ claim, listening: [] })),
    conflicts: [],
    findings: [],
    service: { backend: 'none', installed: false, state: 'not installed' },
    ...over,
  };
}

/** `b`'s gateway put inside `main`'s CDP band: the overlap as conflicts.ts reports it on `me`. */
export function overlap(me: string, other: string, culprit = other): Conflict {
  return {
    kind: 'overlap',
    mine: { roles: ['CDP band'], start: 18800, end: 18899 },
    other: { instance: other, roles: ['gateway', 'browser control', 'canvas', 'CDP band'], start: 18809, end: 18919 },
    culprit,
    severity: 'error',
    blocksStart: true,
  };
}

export function foreign(me: string, port: number, pid = 4242, command = 'python3'): Conflict {
  return { kind: 'foreign', mine: { roles: ['canvas'], start: port, end: port }, port, process: { pid, command }, culprit: me, severity: 'warning', blocksStart: true };
}
