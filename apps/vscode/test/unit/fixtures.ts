import { builtinManifests, resolveFootprint, type OpenClawConfig } from '@clawport/core';
import { deriveHealth, type InstanceSnapshot } from '../../src/model/snapshot.js';

/** A snapshot as host/snapshot.ts would build it, with the real built-in footprint for `base`. */
export function snap(name: string, base: number, over: Partial<InstanceSnapshot> = {}, config: OpenClawConfig = {}): InstanceSnapshot {
  const fp = resolveFootprint(name, base, config, builtinManifests).footprint;
  const s: Omit<InstanceSnapshot, 'health'> = {
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
    running: false,
    ports: fp.claims.map((claim) => ({ claim, listening: [] })),
    conflicts: [],
    findings: [],
    service: { backend: 'none', installed: false, state: 'not installed' },
    ...over,
  };
  return { ...s, health: over.health ?? deriveHealth(s) };
}
