import type { EngineId, EngineProbe } from '@clawport/core';
/** Result of asking a gateway whether it is healthy. */
export interface HealthProbe {
  ok: boolean;
  /** `live`, `unreachable`, `unauthorized`, … */
  status: string;
  latencyMs?: number;
  /** One line on what went wrong (never contains the token). */
  error?: string;
  /** Plugins not running in a gateway that serves without them (status `degraded`), with why. */
  pluginsFailed?: Array<{ id: string; message?: string }>;
  /** For the openclaw engine: the honest state, upstream's version and uptime from its handshake. */
  engine?: EngineProbe;
  /** Each plugin service as the gateway reports it (built-in engine, with a token). */
  services?: Record<string, PluginServiceStatus>;
}

/** One plugin service in a running gateway: its ports, and what its `status()` returns (`detail`). */
export interface PluginServiceStatus {
  state: 'running' | 'failed';
  ports?: Array<{ id: string; role: string; start: number; end: number }>;
  detail?: unknown;
  error?: string;
}

export interface ProbeTarget {
  host: string;
  port: number;
  token?: string;
  /** `openclaw`: speak upstream's handshake, with the device identity kept in this state dir. */
  engine?: EngineId;
  stateDir?: string;
  /** Our process for this instance runs: a closed port then means `starting`, not `stopped`. */
  expectRunning?: boolean;
}

/** HTTP /healthz on the base port: the fallback when the WebSocket client is not available. */
export async function probeHealthz(target: ProbeTarget, timeoutMs = 1500): Promise<HealthProbe> {
  const started = Date.now();
  try {
    const res = await fetch(`http://${target.host}:${target.port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; status?: string };
    return { ok: res.ok && body.ok === true, status: body.status ?? `http ${res.status}`, latencyMs: Date.now() - started };
  } catch (e) {
    return { ok: false, status: 'unreachable', error: (e as Error).message };
  }
}
