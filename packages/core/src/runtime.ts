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
