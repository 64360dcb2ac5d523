import type { z } from 'zod';
import type { OpenClawConfig } from '../config/schema.js';
import type { ResolvedInstance } from '../instance.js';

/**
 * The plugin contract. Built-in services (browser control + CDP band, canvas host) use exactly this,
 * so footprints, doctor and the editor treat third-party claims like built-in ones.
 * Bump PLUGIN_API_VERSION on any breaking change; plugins declaring another version are refused.
 */
export const PLUGIN_API_VERSION = 1;

/**
 * Where a claimed port binds. `loopback`: always 127.0.0.1. `gateway`: wherever `gateway.bind` says
 * (loopback by default, all interfaces for `lan`).
 */
export type BindScope = 'loopback' | 'gateway';

/** A port claim relative to the base port or to another claim (by id), e.g. CDP band = control + 9. */
export interface RelativeClaim {
  /** Unique within the instance, e.g. `browser.control`. Other claims may anchor on it. */
  id: string;
  /** Human label used in every message: `gateway`, `browser control`, `CDP band`. */
  role: string;
  /** `base`, or the id of another claim whose start this offset is added to. */
  from: string;
  offset: number;
  /** Number of consecutive ports, default 1. */
  length?: number;
  bind: BindScope;
}

/** A claim of explicit ports (from config), e.g. `browser.profiles.work.cdpPort`. */
export interface AbsoluteClaim {
  id: string;
  role: string;
  port: number;
  length?: number;
  bind: BindScope;
  /** Id of a claim of the same instance this one may sit inside (an explicit CDP port in its own band). */
  within?: string;
}

export type ClaimSpec = RelativeClaim | AbsoluteClaim;

/** A claim resolved to concrete ports. `end` is inclusive. */
export interface ResolvedClaim {
  id: string;
  role: string;
  /** Id of the plugin that made the claim (`core` for the gateway port). */
  owner: string;
  bind: BindScope;
  start: number;
  end: number;
  within?: string;
}

/** What a plugin sees when asked for its claims. */
export interface ClaimContext {
  config: OpenClawConfig;
  base: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** One result of a doctor check. `file` lets the editor attach it to a config file as a diagnostic. */
export interface Finding {
  severity: Severity;
  /** Stable id of the check, e.g. `ports.overlap`, `browser.cdpUrl.shared`. */
  check: string;
  /** Instance the finding is about, when it is about one. */
  instance?: string;
  message: string;
  /** What to do about it, one line. */
  fix?: string;
  file?: string;
  /** Config key path the finding is about, for the editor's diagnostics. */
  keyPath?: string;
}

/** What doctor checks see about each instance on the host. */
export interface DoctorInstance {
  name: string;
  profile: string;
  stateDir: string;
  configPath: string;
  workspace: string;
  base: number;
  config: OpenClawConfig;
  footprint: ResolvedClaim[];
}

/** A minimal structured logger; the gateway's writes JSON lines with secrets redacted. */
export interface PluginLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** An RPC method handler a plugin adds to the gateway's WebSocket control plane. */
export type RpcHandler = (params: unknown) => unknown;

/** The gateway, as its plugins see it. */
export interface GatewayHandle {
  /** Adds a WebSocket RPC method (e.g. `browser.request`). Names must not clash with built-ins. */
  registerMethod(name: string, handler: RpcHandler): void;
  /** Broadcasts an event to every connected client. */
  emit(event: string, payload: unknown): void;
  /** Live counters, e.g. for a metrics plugin. */
  stats(): GatewayStats;
}

export interface GatewayStats {
  startedAt: number;
  connections: number;
  connectionsTotal: number;
  rpcCalls: Record<string, number>;
  rpcErrors: number;
}

/** Everything a plugin service gets when the gateway starts it. */
export interface ServiceContext {
  instance: ResolvedInstance;
  config: OpenClawConfig;
  /** The plugin's claims, resolved, by claim id. */
  ports: Record<string, { start: number; end: number }>;
  /** Address to bind a `gateway`-scoped claim on (127.0.0.1 or 0.0.0.0); loopback claims use 127.0.0.1. */
  gatewayHost: string;
  /** Gateway auth token. Never log it. */
  token: string;
  log: PluginLogger;
  gateway: GatewayHandle;
  /** Footprints of every other instance on the host (for "never attach to another instance's port"). */
  otherFootprints: () => Promise<Array<{ instance: string; claims: ResolvedClaim[] }>>;
}

/** A started plugin service. `stop` releases every port the service bound. */
export interface RunningService {
  stop(): Promise<void>;
  /** Optional snapshot for `status`. */
  status?(): unknown;
}

/**
 * A Clawport plugin. Every member but `apiVersion` and `id` is optional.
 * @typeParam C - the type of the plugin's config section.
 */
export interface ClawportPlugin<C = unknown> {
  /** Must equal PLUGIN_API_VERSION of the host, or the plugin is refused with a clear message. */
  apiVersion: number;
  /** Unique id, also the owner of its claims: `browser`, `canvas`, `metrics`. */
  id: string;
  description?: string;
  /** The plugin's config section: `config[key]`, validated with `schema` and merged into the JSON schema. */
  config?: { key: string; schema: z.ZodType<C> };
  /** Whether the plugin is active for a config (a disabled plugin claims nothing and starts nothing). */
  enabled?(config: OpenClawConfig): boolean;
  /** Ports this plugin binds for an instance. Resolved against the base into a footprint. */
  claims?(ctx: ClaimContext): ClaimSpec[];
  /** Checks across every instance on the host. */
  doctor?(instances: readonly DoctorInstance[]): Finding[];
  /** Gateway-side service, started with its resolved ports after the whole footprint was checked. */
  start?(ctx: ServiceContext): Promise<RunningService>;
  /** Directory of an oclif plugin (package root) contributing CLI commands. */
  commandsDir?: string;
}
