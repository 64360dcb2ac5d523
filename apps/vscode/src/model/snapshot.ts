import { probeStateLabel, type EngineProbeState, type Finding, type Incident, type OpenClawConfig, type ResolvedClaim, type UpstreamServiceFile } from '@clawport/core';

/** Whether the gateway runs, or is being started or stopped by one of our commands right now. */
export type RunState = 'running' | 'stopped' | 'starting' | 'stopping';

/** A process that is not one of our gateways, holding a port. */
export interface ForeignProcess {
  pid?: number;
  /** Command name (`python3`), when the process table can be read. */
  command?: string;
}

/** One footprint claim with what is listening inside it right now. */
export interface PortState {
  claim: ResolvedClaim;
  /** Ports of the claim that have a listener (for a band: the CDP ports in use). */
  listening: number[];
  /** Who holds a single-port claim of a stopped gateway (it is not us). */
  heldBy?: ForeignProcess;
}

/** How the gateway is run: an installed service manager, the built-in supervisor, or nothing. */
export interface ServiceState {
  backend: 'systemd' | 'launchd' | 'schtasks' | 'supervisor' | 'none';
  installed: boolean;
  /** `active`, `inactive`, `not installed`, … as the backend reports it. */
  state: string;
}

/**
 * One cause of a conflict: another instance's footprint overlapping ours (one per other instance, however
 * many claims collide), or a process that is not ours holding one of our ports. `culprit` is the
 * instance that should move: the one that caused it (see conflicts.ts), or this one for a foreign process.
 */
export interface Conflict {
  kind: 'overlap' | 'foreign';
  /** Our claims that are hit: roles and the range they span. */
  mine: { roles: string[]; start: number; end: number };
  /** overlap: the other instance and its claims that collide. */
  other?: { instance: string; roles: string[]; start: number; end: number };
  /** foreign: the port and who holds it. */
  port?: number;
  process?: ForeignProcess;
  culprit: string;
  severity: 'error' | 'warning';
  /** Start (ours, or of the culprit) will be refused by the gateway's preflight while this stands. */
  blocksStart: boolean;
}

/** A config that could not be read or validated: the cause without the path, and where. */
export interface ConfigProblem {
  /** `not valid JSON5: invalid character 'x'` / `gateway.port: expected number` */
  cause: string;
  line?: number;
  column?: number;
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
  /** The port it runs on, else the one its config asks for (read leniently from a broken config). */
  base: number;
  /** Found in the registry of custom-path instances (the manual env form). */
  custom: boolean;
  running: boolean;
  /** starting / stopping while one of our commands acts on it; else running / stopped. */
  run: RunState;
  /** The gateway answered /healthz (undefined when it is not running). */
  healthy?: boolean;
  pid?: number;
  version?: string;
  startedAt?: number;
  ports: PortState[];
  /** The footprint comes from a config with an error: what it would claim, not proven. */
  portsAssumed?: boolean;
  conflicts: Conflict[];
  /** Config that could not be read or validated (plugin load errors included). */
  configError?: ConfigProblem;
  /** A previous good config exists (`clawport config rollback` can restore it). */
  canRollBack?: boolean;
  /** Doctor findings about this instance. */
  findings: Finding[];
  service: ServiceState;
  /** Upstream OpenClaw's own unit/agent for this profile (its marker): shown, never managed from here. */
  upstreamServices?: UpstreamServiceFile[];
  /** What runs for this profile: Clawport's built-in gateway or upstream OpenClaw (`<state>/clawport.json`). */
  engine?: {
    id: 'clawport' | 'openclaw';
    /** upstream's own pid while it runs */
    pid?: number;
    /** Upstream's honest state through its own handshake while it runs (live, starting, limited, auth-failed, port-held). */
    state?: EngineProbeState;
    /** One line saying why, never the token. */
    detail?: string;
  };
  /** Each plugin service of the running gateway (its `status` method): state, ports, its own snapshot. */
  plugins?: Record<string, PluginService>;
  /** Incidents about this instance from every watcher on the host (oldest first), when there are any. */
  incidents?: Incident[];
}

/** One plugin service as a running gateway reports it. */
export interface PluginService {
  state: 'running' | 'failed';
  ports?: Array<{ id: string; role: string; start: number; end: number }>;
  detail?: unknown;
  error?: string;
}

/** The state of the process alone, as the row starts: `running`, `stopped`, `starting…`. */
export function runLabel(s: Pick<InstanceSnapshot, 'run'>): string {
  return s.run === 'starting' || s.run === 'stopping' ? `${s.run}…` : s.run;
}

/** `up 42s`, `up 2m`, `up 3h 5m`, `up 2d 4h` */
export function uptime(startedAt: number, now: number): string {
  const s = Math.max(0, Math.floor((now - startedAt) / 1000));
  if (s < 60) return `up ${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `up ${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `up ${h}h${m % 60 ? ` ${m % 60}m` : ''}`;
  return `up ${Math.floor(h / 24)}d${h % 24 ? ` ${h % 24}h` : ''}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What is wrong, apart from the run state: `1 conflict`, `config error`, `2 warnings`. */
export function problemsLabel(s: Pick<InstanceSnapshot, 'conflicts' | 'configError' | 'findings'>): string[] {
  const out: string[] = [];
  if (s.conflicts.length) out.push(plural(s.conflicts.length, 'conflict'));
  if (s.configError) out.push('config error');
  const others = s.findings.filter((f) => !COVERED_CHECKS.has(f.check) && f.severity !== 'info');
  const errors = others.filter((f) => f.severity === 'error').length;
  const warnings = others.length - errors;
  if (errors) out.push(plural(errors, 'error'));
  if (warnings) out.push(plural(warnings, 'warning'));
  return out;
}

/** Doctor checks the tree already shows in its own rows (conflict rows, the config error row). */
export const COVERED_CHECKS = new Set(['ports.overlap', 'ports.busy', 'ports.foreign', 'config.invalid']);

/**
 * The row's description: run state and problems side by side, e.g. `:18789 · running · healthy · up 2m`,
 * `:18789 · running · degraded · up 2m` (a plugin failed to start),
 * `:29000 · stopped · 1 conflict`, `:29000 · stopped · config error`.
 */
export function describeInstance(s: InstanceSnapshot, now = Date.now()): string {
  const parts = [`:${s.base}`, runLabel(s)];
  if (s.run === 'running') {
    // Serving without a plugin that failed is the gateway's own "degraded" (the CLI's word too), not healthy.
    const degraded = Object.values(s.plugins ?? {}).some((p) => p.state === 'failed');
    // Upstream answering /healthz is not yet usable: its own handshake may say limited or auth failed.
    const upstream = s.engine?.state && s.engine.state !== 'live' ? probeStateLabel(s.engine.state) : undefined;
    if (s.healthy !== undefined) parts.push(!s.healthy ? 'not answering' : upstream ?? (degraded ? 'degraded' : 'healthy'));
    if (s.startedAt) parts.push(uptime(s.startedAt, now));
  }
  parts.push(...problemsLabel(s));
  return parts.join(' · ');
}

/** Start would be refused by the gateway itself (a blocking conflict, a config that does not validate). */
export function startBlocked(s: Pick<InstanceSnapshot, 'conflicts' | 'configError'>): boolean {
  return s.configError !== undefined || s.conflicts.some((c) => c.blocksStart);
}
