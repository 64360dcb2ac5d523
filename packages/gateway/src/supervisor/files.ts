import { readFile } from 'node:fs/promises';
import {
  parseSupervisorRecord,
  SUPERVISOR_LOG_FILE,
  SUPERVISOR_PID_FILE,
  SUPERVISOR_RECORD_FILE,
  SUPERVISOR_STATE_FILE,
  type SupervisorRecord,
} from '@clawport/core';
import { writeFileAtomic } from '@clawport/core/node';

/** The files of one profile's supervisor, all under its state dir. */
export function supervisorPaths(stateDir: string) {
  return {
    record: `${stateDir}/${SUPERVISOR_RECORD_FILE}`,
    pid: `${stateDir}/${SUPERVISOR_PID_FILE}`,
    state: `${stateDir}/${SUPERVISOR_STATE_FILE}`,
    log: `${stateDir}/${SUPERVISOR_LOG_FILE}`,
  };
}

/** `<state>/service/supervisor.pid`: pid plus its start time, so a reused pid is not mistaken for ours. */
export interface PidFile {
  pid: number;
  startTicks?: number;
}

export type SupervisorPhase = 'starting' | 'running' | 'backoff' | 'stopping' | 'stopped' | 'gave-up';

/** `<state>/service/supervisor.state.json`, rewritten on every change. */
export interface SupervisorState {
  phase: SupervisorPhase;
  supervisorPid: number;
  gatewayPid?: number;
  /** Start time of the gateway (Linux ticks), to tell it from a process that reused its pid. */
  gatewayStartTicks?: number;
  /** Gateway starts after the first. */
  restarts: number;
  lastExit?: { code: number | null; signal: string | null; at: string };
  startedAt: string;
  gatewayStartedAt?: string;
  nextStartAt?: string;
  /** Why the supervisor stopped on its own (repeated exit 78). */
  reason?: string;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export async function readRecord(stateDir: string): Promise<SupervisorRecord | undefined> {
  const file = supervisorPaths(stateDir).record;
  const text = await readText(file);
  return text === undefined ? undefined : parseSupervisorRecord(text, file);
}

/** Unreadable pid/state files (torn by a crash) read as absent: the liveness check decides. */
export async function readPidFile(stateDir: string): Promise<PidFile | undefined> {
  try {
    const data = JSON.parse((await readText(supervisorPaths(stateDir).pid)) ?? 'null') as PidFile | null;
    return data && Number.isInteger(data.pid) ? data : undefined;
  } catch {
    return undefined;
  }
}

export async function readState(stateDir: string): Promise<SupervisorState | undefined> {
  try {
    return (JSON.parse((await readText(supervisorPaths(stateDir).state)) ?? 'null') as SupervisorState | null) ?? undefined;
  } catch {
    return undefined;
  }
}

export async function writeState(stateDir: string, state: SupervisorState): Promise<void> {
  await writeFileAtomic(supervisorPaths(stateDir).state, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}
