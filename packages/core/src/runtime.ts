import type { BindScope } from './plugins/contract.js';

/**
 * `<state>/gateway.runtime.json`: the one truth about what runs where. A running gateway writes it next
 * to its lock and removes it on clean shutdown; status, doctor and the editor read it, then probe.
 */
export interface RuntimeInfo {
  pid: number;
  /**
   * The gateway process's start time (Linux clock ticks since boot, /proc/<pid>/stat field 22), so a
   * stale file whose pid was reused by another process is never taken for the gateway (as the locks do).
   */
  startTicks?: number;
  profile: string;
  name: string;
  version: string;
  /** ms since epoch */
  startedAt: number;
  /** Address the gateway's WebSocket listens on. */
  host: string;
  base: number;
  /** Every bound port by claim id, with its role and owner plugin. */
  ports: Array<{ id: string; role: string; owner: string; start: number; end: number; host: string; bind?: BindScope }>;
  configPath: string;
  stateDir: string;
  /** Plugins that failed to load or start, by id, with their one-line reason. */
  pluginErrors?: Array<{ id: string; message: string }>;
  /** Absent means `clawport` (files written before engines existed). */
  engine?: 'clawport' | 'openclaw';
  /** For `openclaw`: the upstream gateway's own pid (`pid` is Clawport's process that runs and watches it). */
  enginePid?: number;
  /** Start time of enginePid, as startTicks is of pid: a leftover upstream is stopped only if provably ours. */
  engineStartTicks?: number;
}

export const RUNTIME_FILE = 'gateway.runtime.json';
export const LOCK_FILE = 'gateway.lock';
export const TOKEN_FILE = 'credentials/gateway.token';
export const LOGS_DIR = 'logs';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPid = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const isPort = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535;
const isText = (v: unknown): v is string => typeof v === 'string';
const optional = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || ok(v);
const isRuntimePort = (p: unknown) =>
  isObj(p) && isText(p.id) && isText(p.role) && isText(p.owner) && isPort(p.start) && isPort(p.end) && p.start <= p.end && isText(p.host) && optional(p.bind, (b) => b === 'loopback' || b === 'gateway');

/**
 * A runtime file's JSON as RuntimeInfo, or undefined when it is not one: every reader (status, doctor,
 * down, the watcher, the editor) gets either a whole record or none, so a hand-edited, truncated or
 * hostile file reads as "no runtime file" (the instance is then judged by its lock and its ports)
 * instead of crashing a host-wide read on a missing field.
 */
export function parseRuntimeInfo(value: unknown): RuntimeInfo | undefined {
  if (!isObj(value)) return undefined;
  const v = value;
  const ok =
    isPid(v.pid) &&
    optional(v.startTicks, Number.isInteger) &&
    isText(v.profile) &&
    isText(v.name) &&
    isText(v.version) &&
    Number.isFinite(v.startedAt) &&
    isText(v.host) &&
    isPort(v.base) &&
    Array.isArray(v.ports) &&
    v.ports.every(isRuntimePort) &&
    isText(v.configPath) &&
    isText(v.stateDir) &&
    optional(v.pluginErrors, (e) => Array.isArray(e) && e.every((x) => isObj(x) && isText(x.id) && isText(x.message))) &&
    optional(v.engine, (e) => e === 'clawport' || e === 'openclaw') &&
    optional(v.enginePid, isPid) &&
    optional(v.engineStartTicks, Number.isInteger);
  return ok ? (v as unknown as RuntimeInfo) : undefined;
}
