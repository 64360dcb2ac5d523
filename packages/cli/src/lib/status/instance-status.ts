import {
  PluginError,
  connectHost,
  type DoctorInstance,
  type EngineId,
  type OpenClawConfig,
  type ResolvedClaim,
  type ResolvedInstance,
  type RuntimeInfo,
  type ServiceManifest,
  type UpstreamServiceFile,
} from '@clawport/core';
import { configProblem, listenerPid, pluginsNotLoadedLine, type HostInstance, type Listener } from '@clawport/core/node';
import { portReports, withHolders, type PortReport } from '../ports/port-state.js';
import type { HealthProbe, PluginServiceStatus, ProbeTarget } from '../shared/probe.js';
import type { WatchStatus } from './watch-status.js';

/** Who an instance is and where it lives (the fields doctor sees too): the head of every per-instance `--json` result. */
export type InstanceSummary = Pick<DoctorInstance, 'name' | 'profile' | 'stateDir' | 'configPath' | 'workspace' | 'base'>;

/** What `status --json` prints for one instance (`status --all --json`: an array of these). */
export interface InstanceStatus {
  name: string;
  profile: string;
  configPath: string;
  stateDir: string;
  workspace: string;
  /** True for instances with OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH paths. */
  custom: boolean;
  /** False until `setup` (or `config set`) wrote the config file. */
  configExists: boolean;
  base: number;
  /** Where each value came from: flag, env, config, default, runtime. */
  sources: ResolvedInstance['sources'];
  running: boolean;
  pid?: number;
  startedAt?: number;
  uptimeMs?: number;
  version?: string;
  /** What runs (or would run) as this profile's gateway. */
  engine: EngineId;
  /** For `openclaw`: upstream's own gateway pid (`pid` is then Clawport's process running it, if any). */
  enginePid?: number;
  /** `openclaw` when an upstream gateway runs on the base port without Clawport having started it. */
  startedBy?: 'clawport' | 'openclaw';
  /**
   * The per-profile service as `gateway install` recorded it (a file read, no service manager is
   * asked: `gateway status` does that).
   */
  service: { installed: false } | { installed: true; backend: string; name: string; port: number };
  /** Upstream OpenClaw's own service file for this profile (its marker): shown, never managed by Clawport. Only when there is one. */
  upstreamServices?: UpstreamServiceFile[];
  /** null when the gateway is not running (nothing is probed then). */
  health: Omit<HealthProbe, 'services'> | null;
  /** Each plugin service of the running gateway: state, ports and its own `status()` snapshot (`detail`). */
  plugins?: Record<string, PluginServiceStatus>;
  ports: PortReport[];
  configError?: string;
  /** Third-party plugins whose claims were left out (one line each, naming the plugin). */
  pluginProblems?: string[];
  /** The rescue watch: incidents about this instance, and what it watches (only when there is something to say). */
  incidents?: WatchStatus['incidents'];
  watching?: WatchStatus['watching'];
}

/** One instance as status reads it: from the host model (`status --all`) or the targeted instance's context. */
export interface StatusInput {
  instance: ResolvedInstance;
  config: OpenClawConfig;
  configExists: boolean;
  runtime?: RuntimeInfo;
  /** Resolved claims; undefined when the config cannot be used (configError says why). */
  claims?: ResolvedClaim[];
  configError?: string;
  /** Third-party plugins whose claims were left out (one line each, naming the plugin). */
  pluginProblems: string[];
  /** The installed service as its manifest records it, or null. */
  service: ServiceManifest | null;
  /** Upstream's own service files for this profile (core/node findUpstreamServices). */
  upstreamServices?: UpstreamServiceFile[];
  /** The profile's chosen engine (clawport.json); default clawport. */
  engine?: EngineId;
}

/** A host model instance as status input (nothing more is read for it: the model never runs its plugins). */
export function statusInputOf(i: HostInstance): StatusInput {
  const d = i.discovered;
  const notLoaded = pluginsNotLoadedLine(i);
  return {
    instance: d.instance,
    config: d.config,
    configExists: d.configExists,
    runtime: d.runtime,
    claims: i.footprint?.claims,
    configError: configProblem(i)?.toLine(),
    pluginProblems: [...i.problems.filter((p) => p instanceof PluginError).map((p) => p.toLine()), ...(notLoaded ? [notLoaded] : [])],
    service: i.service ?? null,
    upstreamServices: i.upstreamServices,
    engine: i.engine,
  };
}

/**
 * One instance's status. The port comes from the runtime file while the gateway runs, so a gateway
 * started with `--port` only is probed where it really listens, never on a default port.
 */
export async function instanceStatus(
  input: StatusInput,
  listeners: readonly Listener[],
  probe: (target: ProbeTarget) => Promise<HealthProbe>,
  token: string | undefined,
): Promise<InstanceStatus> {
  const { instance, runtime, service } = input;
  const ports = input.claims ? await withHolders(portReports(input.claims, runtime, listeners), listeners, runtime) : [];
  let health: HealthProbe | null = null;
  // What Clawport runs (or would run) here: the running gateway's engine, else the profile's choice.
  const chosen: EngineId = runtime?.engine ?? input.engine ?? 'clawport';
  let engine = chosen;
  let outside: { pid?: number } | undefined;
  if (runtime) {
    const host = connectHost(runtime.host);
    health = await probe({ host, port: runtime.base, token, engine, stateDir: instance.stateDir, expectRunning: true });
  } else if ((chosen === 'openclaw' || looksUpstream(input.config)) && listeners.some((l) => l.port === instance.port)) {
    // An upstream gateway started by upstream itself (its own `gateway` or service): no runtime file of
    // ours, so it is found by probing its base port with its own handshake. A profile that chose the
    // openclaw engine signs with its device identity; one that did not (a config upstream's `setup`
    // wrote, still on the built-in engine) is probed with the token only: a read creates no key there,
    // and upstream answers such a client as reachable but limited.
    const found = await probe({ host: '127.0.0.1', port: instance.port, token, engine: 'openclaw', ...(chosen === 'openclaw' ? { stateDir: instance.stateDir } : {}) });
    if (found.engine && found.engine.state !== 'port-held' && found.engine.state !== 'stopped') {
      health = found;
      outside = { pid: await listenerPid(instance.port) };
      engine = 'openclaw';
    } else if (found.engine?.state === 'port-held' && chosen === 'openclaw') health = found;
  }
  // The ports of a gateway found running outside Clawport are its own, not another process's.
  const shownPorts = outside?.pid === undefined ? ports : ports.map((p) => (p.state === 'in use' && p.heldBy?.length && p.heldBy.every((h) => h.pid === outside.pid) ? listeningOf(p) : p));
  const upstreamUptime = health?.engine?.uptimeMs;
  const plugins = health?.services;
  if (health) delete health.services;
  return {
    name: instance.name,
    profile: instance.profile,
    configPath: instance.configPath,
    stateDir: instance.stateDir,
    workspace: instance.workspace,
    custom: instance.custom,
    configExists: input.configExists,
    base: instance.port,
    sources: instance.sources,
    running: runtime !== undefined || outside !== undefined,
    ...(runtime
      ? { pid: runtime.pid, startedAt: runtime.startedAt, uptimeMs: Date.now() - runtime.startedAt, version: runtime.version }
      : {}),
    ...(outside
      ? { ...(outside.pid ? { pid: outside.pid } : {}), ...(upstreamUptime !== undefined ? { uptimeMs: upstreamUptime, startedAt: Date.now() - upstreamUptime } : {}), ...(health?.engine?.version ? { version: health.engine.version } : {}) }
      : {}),
    engine,
    ...(runtime?.enginePid ? { enginePid: runtime.enginePid } : outside?.pid ? { enginePid: outside.pid } : {}),
    ...(runtime || outside ? { startedBy: outside ? ('openclaw' as const) : ('clawport' as const) } : {}),
    service: service ? { installed: true, backend: service.backend, name: service.service, port: service.port } : { installed: false },
    ...(input.upstreamServices?.length ? { upstreamServices: input.upstreamServices } : {}),
    health,
    ...(plugins ? { plugins } : {}),
    ports: shownPorts,
    ...(input.configError ? { configError: input.configError } : {}),
    ...(input.pluginProblems.length > 0 ? { pluginProblems: input.pluginProblems } : {}),
  };
}

function listeningOf(report: PortReport): PortReport {
  const { heldBy: _heldBy, ...rest } = report;
  return { ...rest, state: 'listening' };
}

/** A config upstream's own `setup` wrote (it stamps meta.lastTouchedVersion and gateway.mode). */
function looksUpstream(config: OpenClawConfig): boolean {
  const c = config as { meta?: { lastTouchedVersion?: unknown }; gateway?: { mode?: unknown } };
  return typeof c.meta?.lastTouchedVersion === 'string' || typeof c.gateway?.mode === 'string';
}
