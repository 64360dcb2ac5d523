import { ClawportError, type ClawportPlugin, type OpenClawConfig, type PluginError, type ResolvedInstance, type RuntimeInfo } from '@clawport/core';

export interface GatewayOptions {
  /** From core resolveInstance(): paths, workspace and base port. */
  instance: ResolvedInstance;
  /** Validated config. */
  config: OpenClawConfig;
  /** Plugins in start order: canvasPlugin, the browser plugin, third-party ones from core loadPlugins. */
  plugins: ClawportPlugin[];
  /** Plugins that failed to load: reported in status and the runtime file, never fatal. */
  pluginLoadErrors?: PluginError[];
  /** `--bind` override of gateway.bind. */
  bind?: 'loopback' | 'lan';
  /** `--token` override; else gateway.auth.token; else the token file (ensureToken). */
  token?: string;
  version: string;
  /** The CLI wires this to the service layer for `instances.restart`. */
  hooks?: { restartInstance?(name: string): Promise<unknown> };
  /** Also show log lines here (foreground runs pass a stderr writer). */
  echoLog?: (line: string) => void;
  /**
   * Aborted = a stop was asked for during start-up (SIGTERM/SIGINT in the foreground): the start is
   * undone at the next phase boundary (after preflight, the listen, the plugins' start) and never
   * becomes ready; startGateway rejects with StartInterrupted.
   */
  abort?: AbortSignal;
}

/** A start undone because a stop was asked for before it was ready (not a failure: exit 0). */
export class StartInterrupted extends ClawportError {
  override readonly code: string = 'START_INTERRUPTED';
  override readonly exitCode: number = 0;
}

export interface RunningGateway {
  runtime: RuntimeInfo;
  /** Closes listeners, stops plugins in reverse, removes the runtime file and releases the lock. Idempotent. */
  stop(): Promise<void>;
  /** Resolves once the gateway has stopped (by stop() or a fatal server error). */
  closed: Promise<void>;
}

/** Defaults of the control plane (overridable in gateway.* config). */
export const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const TICK_INTERVAL_MS = 30_000;
