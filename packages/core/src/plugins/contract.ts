import type { z } from 'zod';
import type { OpenClawConfig } from '../config/schema.js';
import type { ResolvedInstance } from '../instance.js';

/**
 * The plugin contract. Built-in services (browser control + CDP band, canvas host) use exactly this,
 * so footprints, doctor and the editor treat third-party claims like built-in ones.
 * Bump PLUGIN_API_VERSION on any breaking change; plugins declaring another version are refused.
 * Plugin authors outside this repo get it from @clawport/plugin-sdk; their guide is docs/how-to/write-a-plugin.md.
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
  /** Added to the anchor's first port: `{ from: 'base', offset: 5 }` is B+5. May be negative. */
  offset: number;
  /** Number of consecutive ports, default 1. */
  length?: number;
  /** Where the service binds these ports; decides how `doctor` and `status` probe them. */
  bind: BindScope;
  /**
   * The config key path this claim's port comes from (e.g. `metrics.port`), when a config key sets it.
   * Every overlap message and fix line names it, so users are told which key to change, not to move
   * the whole instance. Leave it out for claims that follow the base port.
   */
  key?: string;
}

/** A claim of explicit ports (from config), e.g. `browser.profiles.work.cdpPort`. */
export interface AbsoluteClaim {
  /** Unique within the instance; other claims may anchor on it like on a relative one. */
  id: string;
  /** Human label used in every message. */
  role: string;
  /** First port of the claim, as configured. Outside 1024–65535 the plugin's claims are dropped and reported. */
  port: number;
  /** Number of consecutive ports, default 1. */
  length?: number;
  /** Where the service binds these ports. */
  bind: BindScope;
  /** Id of a claim of the same instance this one may sit inside (an explicit CDP port in its own band). */
  within?: string;
  /**
   * The config key path this claim's port comes from (e.g. `metrics.port`), when a config key sets it.
   * Every overlap message and fix line names it, so users are told which key to change, not to move
   * the whole instance. Leave it out for claims that follow the base port.
   */
  key?: string;
}

/** What `claims()` returns: a claim relative to the base or another claim (`from`), or explicit (`port`). */
export type ClaimSpec = RelativeClaim | AbsoluteClaim;

/** A claim resolved to concrete ports. `end` is inclusive. */
export interface ResolvedClaim {
  /** The claim's id, as declared. */
  id: string;
  /** The claim's human label, as declared. */
  role: string;
  /** Id of the plugin that made the claim (`core` for the gateway port). */
  owner: string;
  /** Bind scope, as declared. */
  bind: BindScope;
  /** First port. */
  start: number;
  /** Last port, inclusive (`start` for a single port). */
  end: number;
  /** Copied from an AbsoluteClaim: the claim of the same instance this one may sit inside. */
  within?: string;
  /** Copied from the claim: the config key path its port comes from (`metrics.port`), when one does. */
  key?: string;
}

/** What a plugin sees when asked for its claims. */
export interface ClaimContext {
  /** The instance's validated config; read the plugin's own section with `configSection()`. */
  config: OpenClawConfig;
  /** The instance's base port B (after `--port` / OPENCLAW_GATEWAY_PORT / `gateway.port`). */
  base: number;
}

/** `error` makes `doctor` exit non-zero; `warning` and `info` are shown but do not fail it. */
export type Severity = 'error' | 'warning' | 'info';

/** One result of a doctor check. `file` lets the editor attach it to a config file as a diagnostic. */
export interface Finding {
  /** How bad it is. */
  severity: Severity;
  /** Stable id of the check, e.g. `ports.overlap`, `browser.cdpUrl.shared`. */
  check: string;
  /** Instance the finding is about, when it is about one. */
  instance?: string;
  /** One line: what is wrong, naming the instance, the port or key and the plugin where it helps. */
  message: string;
  /** What to do about it, one line. */
  fix?: string;
  /** The file the finding is about (usually the instance's config path). */
  file?: string;
  /** Config key path the finding is about, for the editor's diagnostics. */
  keyPath?: string;
}

/** What doctor checks see about each instance on the host. */
export interface DoctorInstance {
  /** Display name used in messages (`main`, `rescue`, `default`). */
  name: string;
  /** Profile name, `default` for the unnamed instance. */
  profile: string;
  /** The instance's state dir. */
  stateDir: string;
  /** The instance's config file (JSON5); findings about config keys should name it in `file`. */
  configPath: string;
  /** The instance's workspace root. */
  workspace: string;
  /** The instance's base port B. */
  base: number;
  /** The instance's validated config, plugin sections included. */
  config: OpenClawConfig;
  /** Resolved claims of core, the built-ins and the plugins the instance loads; `owner` says whose. */
  footprint: ResolvedClaim[];
  /** The same paths with symlinks resolved, when the host could resolve them: a link to another instance's file is that file. */
  realPaths?: { stateDir: string; configPath: string; workspace: string };
}

/** A minimal structured logger; the gateway's writes JSON lines with secrets redacted. */
export interface PluginLogger {
  /** Detail for `logging.level: debug`. */
  debug(msg: string, fields?: Record<string, unknown>): void;
  /** Normal operation: a service started, a port bound. */
  info(msg: string, fields?: Record<string, unknown>): void;
  /** Something the user may want to fix; the service keeps running. */
  warn(msg: string, fields?: Record<string, unknown>): void;
  /** The service failed at something; say what and where. */
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * An RPC method handler a plugin adds to the gateway's WebSocket control plane. It gets the request's
 * `params`; its return value (or resolved promise) is the response payload, a throw is an error response.
 */
export type RpcHandler = (params: unknown) => unknown;

/** The gateway, as its plugins see it. */
export interface GatewayHandle {
  /**
   * Adds a WebSocket RPC method (e.g. `browser.request`). Names must not clash with built-ins. With
   * `options.params` (the param names it takes) the gateway refuses any other key before the handler
   * runs, as it does for every built-in method; without it the handler sees whatever was sent.
   */
  registerMethod(name: string, handler: RpcHandler, options?: { params?: readonly string[] }): void;
  /** Broadcasts an event to every connected client. */
  emit(event: string, payload: unknown): void;
  /** Live counters, e.g. for a metrics plugin. */
  stats(): GatewayStats;
}

/** Counters of the gateway since it started; a snapshot, read it again for fresh values. */
export interface GatewayStats {
  /** When the gateway started, ms since the epoch. */
  startedAt: number;
  /** WebSocket clients connected now (after the handshake). */
  connections: number;
  /** WebSocket clients accepted since start. */
  connectionsTotal: number;
  /** Requests dispatched to a handler since start, by method name (unknown methods count only as errors). */
  rpcCalls: Record<string, number>;
  /** Requests answered with an error response since start. */
  rpcErrors: number;
}

/** Everything a plugin service gets when the gateway starts it. */
export interface ServiceContext {
  /** The instance this gateway runs: profile, paths, base port. */
  instance: ResolvedInstance;
  /** The instance's validated config; read the plugin's own section with `configSection()`. */
  config: OpenClawConfig;
  /** The plugin's claims, resolved, by claim id. */
  ports: Record<string, { start: number; end: number }>;
  /** Address to bind a `gateway`-scoped claim on (127.0.0.1 or 0.0.0.0); loopback claims use 127.0.0.1. */
  gatewayHost: string;
  /** Gateway auth token. Never log it. */
  token: string;
  /** The gateway's logger, with the plugin id attached to every line. */
  log: PluginLogger;
  /** Methods, events and counters of the gateway this service runs in. */
  gateway: GatewayHandle;
  /** Footprints of every other instance on the host (for "never attach to another instance's port"). */
  otherFootprints: () => Promise<Array<{ instance: string; claims: ResolvedClaim[] }>>;
}

/** A started plugin service. */
export interface RunningService {
  /** Releases every port the service bound and ends its timers, so the gateway can exit cleanly. */
  stop(): Promise<void>;
  /** Optional snapshot for `status`. */
  status?(): unknown;
}

/**
 * A plugin's section of openclaw.json. Build `schema` with the `z` exported by @clawport/core, so it is
 * the same zod the host merges it into; top-level `config[key]` is validated by it.
 */
export interface PluginConfigSection<C = unknown> {
  /** Top-level key in openclaw.json, e.g. `metrics`. Must not clash with core's keys or another plugin's. */
  key: string;
  /** Validates `config[key]`; merged into the config schema and the editor's JSON schema. */
  schema: z.ZodType<C>;
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
  /** One line for `plugins`/`status` listings. */
  description?: string;
  /** The plugin's config section: `config[key]`, validated with `schema` and merged into the JSON schema. */
  config?: PluginConfigSection<C>;
  /** Whether the plugin is active for a config (a disabled plugin claims nothing and starts nothing). Absent: always. */
  enabled?(config: OpenClawConfig): boolean;
  /**
   * Ports this plugin binds for an instance. Resolved against the base into a footprint. Must be pure
   * (the CLI and the editor call it without a running gateway); a throw or a bad claim drops all of this
   * plugin's claims and is reported as a PluginError naming it.
   */
  claims?(ctx: ClaimContext): ClaimSpec[];
  /** Checks across every instance on the host, run by `clawport doctor`. Pure: read configs and footprints only. */
  doctor?(instances: readonly DoctorInstance[]): Finding[];
  /**
   * Gateway-side service, started with its resolved ports after the whole footprint was checked. A throw
   * (or rejection) is reported by plugin id; the gateway and the other services keep running.
   */
  start?(ctx: ServiceContext): Promise<RunningService>;
  /**
   * Directory of an oclif plugin (package root, `"oclif": {"commands": …}` in its package.json)
   * contributing CLI commands. Users add it with `clawport plugins link <dir>` or
   * `clawport plugins install file:<dir>`; `plugins.load` alone does not add commands.
   */
  commandsDir?: string;
}
