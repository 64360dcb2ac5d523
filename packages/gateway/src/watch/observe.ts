import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCK_FILE, parseConfig } from '@clawport/core';
import { clientToken, isProcessAlive, readStopIntent } from '@clawport/core/node';
import { probeGateway } from '../client/probe.js';
import type { Target } from '../methods/targets.js';
import { readState } from '../supervisor/files.js';

/** One look at a watched instance. */
export type Observation =
  | { kind: 'live'; pid: number; startedAt: number }
  | { kind: 'starting'; detail: string }
  | { kind: 'stopped-on-purpose'; by: string }
  | { kind: 'failed'; cause: string };

async function lockOwner(stateDir: string): Promise<{ pid: number; startTicks?: number; acquiredAt: number; readyLimitMs?: number } | undefined> {
  try {
    const v = JSON.parse(await readFile(join(stateDir, LOCK_FILE), 'utf8')) as { pid?: number; startTicks?: number; acquiredAt?: number; readyLimitMs?: unknown };
    const readyLimitMs = typeof v.readyLimitMs === 'number' ? v.readyLimitMs : undefined;
    return typeof v.pid === 'number' ? { pid: v.pid, startTicks: v.startTicks, acquiredAt: v.acquiredAt ?? 0, ...(readyLimitMs !== undefined ? { readyLimitMs } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Live = ready over HTTP and a WebSocket handshake + `health` answered within the probe timeout (a
 * stopped or hung process answers neither). Not live but started within the grace period = starting.
 * Not running, or not answering while it stops, after someone recorded a stop on purpose since it
 * started = not an incident.
 */
export async function observe(target: Target, o: { probeTimeoutMs: number; startGraceMs: number }): Promise<Observation> {
  const runtime = target.discovered?.runtime;
  if (runtime) {
    const token = await clientToken(target.stateDir, target.discovered?.config).catch(() => undefined);
    const http = await probeGateway({ port: runtime.base, timeoutMs: o.probeTimeoutMs });
    // Upstream's engine speaks its own protocol on B: its readiness over HTTP is the probe there.
    const ws = http.healthy && token && runtime.engine !== 'openclaw' ? await probeGateway({ port: runtime.base, token, timeoutMs: o.probeTimeoutMs }) : http;
    if (ws.healthy) return { kind: 'live', pid: runtime.pid, startedAt: runtime.startedAt };
    // Ready over HTTP and the handshake answered with "invalid token": responsive, only the token in its
    // config changed since it started (config set gateway.auth.token; it applies at the next restart).
    // Restarting it for that would be an incident nobody caused.
    if (http.healthy && ws.authRefused) return { kind: 'live', pid: runtime.pid, startedAt: runtime.startedAt };
    // Asked to stop (or restart) since it started: not answering while it shuts down is no failure.
    const intent = await readStopIntent(target.stateDir);
    if (intent && intent.at >= runtime.startedAt) return { kind: 'stopped-on-purpose', by: intent.by };
    if (Date.now() - runtime.startedAt < o.startGraceMs && isProcessAlive(runtime.pid) && !/within/.test(ws.error ?? '')) {
      return { kind: 'starting', detail: `pid ${runtime.pid} not ready yet` };
    }
    return { kind: 'failed', cause: `pid ${runtime.pid} is not answering: ${ws.error ?? 'not ready'}` };
  }
  // Between the lock and the runtime file a gateway is starting. Upstream's engine takes 10–30 s, minutes
  // under load, and says in its lock how long it gives itself (it stops by itself past that): until then
  // it is starting, never restarted by the watcher mid-start.
  const lock = await lockOwner(target.stateDir);
  const grace = Math.max(o.startGraceMs, lock?.readyLimitMs ?? 0);
  if (lock && isProcessAlive(lock.pid, lock.startTicks) && Date.now() - lock.acquiredAt < grace) return { kind: 'starting', detail: `pid ${lock.pid} starting` };
  const supervised = await readState(target.stateDir);
  if (supervised?.phase === 'running' && supervised.gatewayPid !== undefined && isProcessAlive(supervised.gatewayPid, supervised.gatewayStartTicks)) {
    const since = Date.parse(supervised.gatewayStartedAt ?? '');
    if (Date.now() - since < o.startGraceMs) return { kind: 'starting', detail: `pid ${supervised.gatewayPid} starting under its supervisor` };
  }
  const intent = await readStopIntent(target.stateDir);
  if (intent) return { kind: 'stopped-on-purpose', by: intent.by };
  if (target.discovered?.configError) return { kind: 'failed', cause: `not running; its config is invalid: ${target.discovered.configError.message}` };
  return { kind: 'failed', cause: supervised?.phase === 'gave-up' ? `not running; its supervisor gave up: ${supervised.reason ?? ''}`.trim() : 'not running' };
}

/**
 * The config a target runs, when its file was last written before the gateway started (else unknown).
 * Only a whole, valid config: a file rewritten in place while it was read (an editor's or a script's
 * plain write, not atomic) gave a torn text that was kept as "good" and later failed the rollback with
 * "not valid JSON5" (the flaky watch-e2e 'bad config rolled back' under load).
 */
export async function startedConfig(configPath: string, startedAt: number, schema?: Parameters<typeof parseConfig>[2]): Promise<{ text: string; hash: string } | undefined> {
  const before = await stat(configPath).catch(() => undefined);
  if (!before || before.mtimeMs > startedAt) return undefined;
  const text = await readFile(configPath, 'utf8').catch(() => undefined);
  const after = await stat(configPath).catch(() => undefined);
  if (text === undefined || !after || after.mtimeMs !== before.mtimeMs || after.size !== before.size || after.ino !== before.ino) return undefined;
  try {
    parseConfig(text, configPath, schema);
  } catch {
    return undefined;
  }
  return { text, hash: configHash(text) };
}

export const configHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Whether the supervisor saw the last gateway die rather than stop (kill -9, a crash, exit ≠ 0). */
export async function lastExitWasCrash(stateDir: string, since: number): Promise<string | undefined> {
  const s = await readState(stateDir);
  const exit = s?.lastExit;
  if (!exit || Date.parse(exit.at) < since) return undefined;
  if (exit.signal && !['SIGTERM', 'SIGINT', 'SIGHUP'].includes(exit.signal)) return `its gateway was killed (${exit.signal})`;
  if (!exit.signal && exit.code !== 0 && exit.code !== null) return `its gateway exited with code ${exit.code}`;
  return undefined;
}
