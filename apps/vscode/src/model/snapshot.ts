import type { Finding, OpenClawConfig, ResolvedClaim } from '@clawport/core';

/** Health as the tree shows it; the icon colour follows it. */
export type Health = 'running' | 'stopped' | 'unhealthy' | 'conflict';

/** One footprint claim with what is listening inside it right now. */
export interface PortState {
  claim: ResolvedClaim;
  /** Ports of the claim that have a listener (for a band: the CDP ports in use). */
  listening: number[];
}

/** How the gateway is run: an installed service manager, the built-in supervisor, or nothing. */
export interface ServiceState {
  backend: 'systemd' | 'launchd' | 'schtasks' | 'supervisor' | 'none';
  installed: boolean;
  /** `active`, `inactive`, `not installed`, … as the backend reports it. */
  state: string;
}

/**
 * Everything the sidebar knows about one instance, gathered from disk and probes (host/snapshot.ts).
 * Plain data, so the tree is built by pure functions and tests and benchmarks need no editor.
 */
export interface InstanceSnapshot {
  /** Stable id: the state dir. */
  key: string;
  name: string;
  profile: string;
  stateDir: string;
  configPath: string;
  configExists: boolean;
  /** Validated config ({} when missing or broken). */
  config: OpenClawConfig;
  workspace: string;
  base: number;
  /** Found in the registry of custom-path instances (the manual env form). */
  custom: boolean;
  running: boolean;
  /** The gateway answered /healthz (undefined when it is not running). */
  healthy?: boolean;
  pid?: number;
  version?: string;
  startedAt?: number;
  ports: PortState[];
  /** One line per overlap with another instance, or a foreign listener on a claimed port. */
  conflicts: string[];
  /** Config that could not be read or validated, one line. */
  configError?: string;
  /** Doctor findings about this instance (filled by Run Doctor). */
  findings: Finding[];
  service: ServiceState;
  health: Health;
}

/**
 * Conflicts win (an overlap breaks isolation whether or not it runs); then a running gateway is healthy
 * only if it answers; a stopped one with a broken config cannot start, so it is unhealthy too.
 */
export function deriveHealth(s: Pick<InstanceSnapshot, 'conflicts' | 'running' | 'healthy' | 'configError'>): Health {
  if (s.conflicts.length > 0) return 'conflict';
  if (s.running) return s.healthy === false || s.configError ? 'unhealthy' : 'running';
  return s.configError ? 'unhealthy' : 'stopped';
}

/** `:18789 · running` */
export function describeInstance(s: Pick<InstanceSnapshot, 'base' | 'health' | 'running'>): string {
  const state = s.health === 'conflict' ? (s.running ? 'running · conflict' : 'conflict') : s.health;
  return `:${s.base} · ${state}`;
}
