import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceError } from '@clawport/core';
import { isProcessAlive } from '@clawport/core/node';
import { readPidFile, readRecord, readState, supervisorPaths, type SupervisorPhase } from './files.js';
import { killGroup } from './run.js';

/** What `gateway status` shows for the built-in supervisor. */
export interface SupervisorStatus {
  backend: 'supervisor';
  installed: boolean;
  /** The supervisor process runs. */
  running: boolean;
  phase: SupervisorPhase | 'not-started';
  supervisorPid?: number;
  /** The gateway's pid while it runs. */
  pid?: number;
  restarts: number;
  lastExit?: { code: number | null; signal: string | null; at: string };
  reason?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How to start the supervisor process: compiled entry.js, or entry.ts through tsx when run from source. */
export function supervisorEntry(): { command: string; args: string[] } {
  const here = fileURLToPath(import.meta.url);
  // From source (tests under tsx): resolve tsx here, because the supervisor runs with cwd = state dir.
  if (here.endsWith('.ts')) return { command: process.execPath, args: ['--import', import.meta.resolve('tsx'), here.replace(/control\.ts$/, 'entry.ts')] };
  return { command: process.execPath, args: [here.replace(/control\.js$/, 'entry.js')] };
}

export async function supervisorStatus(stateDir: string): Promise<SupervisorStatus> {
  const installed = existsSync(supervisorPaths(stateDir).record);
  const pidFile = await readPidFile(stateDir);
  const running = pidFile !== undefined && isProcessAlive(pidFile.pid, pidFile.startTicks);
  const state = await readState(stateDir);
  const gatewayAlive = state?.gatewayPid !== undefined && isProcessAlive(state.gatewayPid, state.gatewayStartTicks);
  let phase: SupervisorStatus['phase'] = state?.phase ?? 'not-started';
  // A supervisor killed with -9 leaves a state file claiming it still runs.
  if (!running && (phase === 'running' || phase === 'backoff' || phase === 'starting' || phase === 'stopping')) phase = 'stopped';
  return {
    backend: 'supervisor',
    installed,
    running,
    phase,
    supervisorPid: running ? pidFile.pid : undefined,
    pid: gatewayAlive ? state.gatewayPid : undefined,
    restarts: state?.restarts ?? 0,
    lastExit: state?.lastExit,
    reason: state?.reason,
  };
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Launches the detached supervisor for a state dir whose service is installed, and waits until it has
 * started the gateway (or given up). Starting a running supervisor is a no-op that reports it.
 */
export async function startSupervisor(stateDir: string, opts: { timeoutMs?: number } = {}): Promise<SupervisorStatus> {
  const record = await readRecord(stateDir);
  if (!record) {
    throw new ServiceError(`no built-in supervisor service is installed in ${stateDir}`, 'install it first: clawport gateway install');
  }
  const current = await supervisorStatus(stateDir);
  if (current.running) return current;
  await stopOrphanGateway(stateDir);
  const paths = supervisorPaths(stateDir);
  mkdirSync(dirname(paths.log), { recursive: true, mode: 0o700 });
  const out = openSync(paths.log, 'a', 0o600);
  const entry = supervisorEntry();
  const child = spawn(entry.command, [...entry.args, stateDir], { detached: true, stdio: ['ignore', out, out], cwd: stateDir, env: { ...process.env } });
  closeSync(out);
  const pid = child.pid;
  child.unref();
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    const status = await supervisorStatus(stateDir);
    if (status.running && (status.pid !== undefined || status.phase === 'backoff')) return status;
    if (status.phase === 'gave-up' || (pid !== undefined && !isProcessAlive(pid))) break;
    await sleep(50);
  }
  const status = await supervisorStatus(stateDir);
  if (status.running || status.phase === 'gave-up') return status;
  throw new ServiceError(`the supervisor for ${stateDir} did not start: ${tail(paths.log, 3).split('\n').pop() ?? 'no log'}`, `see ${paths.log}`);
}

/** A gateway left behind by a supervisor that was killed with -9: ours by the recorded pid + start time. */
async function stopOrphanGateway(stateDir: string): Promise<number | undefined> {
  const state = await readState(stateDir);
  if (state?.gatewayPid === undefined || !isProcessAlive(state.gatewayPid, state.gatewayStartTicks)) return undefined;
  killGroup(state.gatewayPid, 'SIGTERM');
  for (let i = 0; i < 100 && isProcessAlive(state.gatewayPid); i++) await sleep(50);
  if (isProcessAlive(state.gatewayPid)) killGroup(state.gatewayPid, 'SIGKILL');
  return state.gatewayPid;
}

export interface StopResult {
  wasRunning: boolean;
  supervisorPid?: number;
  gatewayPid?: number;
}

/** Stops supervisor and gateway and returns once neither process exists (SIGKILL after the timeout). */
export async function stopSupervisor(stateDir: string, opts: { timeoutMs?: number } = {}): Promise<StopResult> {
  const status = await supervisorStatus(stateDir);
  const pidFile = await readPidFile(stateDir);
  const state = await readState(stateDir);
  const gatewayPid = status.pid;
  if (!status.running || !pidFile) {
    const orphan = await stopOrphanGateway(stateDir);
    return { wasRunning: orphan !== undefined, gatewayPid: orphan };
  }
  process.kill(pidFile.pid, 'SIGTERM');
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  const alive = () => isProcessAlive(pidFile.pid, pidFile.startTicks) || (gatewayPid !== undefined && isProcessAlive(gatewayPid, state?.gatewayStartTicks));
  while (alive() && Date.now() < deadline) await sleep(50);
  if (alive()) {
    if (gatewayPid !== undefined) killGroup(gatewayPid, 'SIGKILL');
    try {
      process.kill(pidFile.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    while (alive()) await sleep(20);
    await unlink(supervisorPaths(stateDir).pid).catch(() => undefined);
  }
  return { wasRunning: true, supervisorPid: pidFile.pid, gatewayPid };
}

/** Restarts the gateway under a running supervisor (SIGHUP), or starts the supervisor. */
export async function restartSupervised(stateDir: string, opts: { timeoutMs?: number } = {}): Promise<SupervisorStatus> {
  const status = await supervisorStatus(stateDir);
  const pidFile = await readPidFile(stateDir);
  if (!status.running || !pidFile) return startSupervisor(stateDir, opts);
  const before = status.pid;
  process.kill(pidFile.pid, 'SIGHUP');
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const now = await supervisorStatus(stateDir);
    if (now.pid !== undefined && now.pid !== before) return now;
    // It ended instead (it gave up on exit 78 just as the SIGHUP came, or was stopped): nothing will
    // restart the gateway, so start a supervisor (found by the watcher's restart after a rollback).
    if (!now.running) return startSupervisor(stateDir, opts);
    await sleep(50);
  }
  throw new ServiceError(`the gateway in ${stateDir} did not come back after a restart`, `see ${supervisorPaths(stateDir).log}`);
}
