import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { RUNTIME_FILE, parseRuntimeInfo, type RuntimeInfo } from '../runtime.js';
import { readSmallFile, writeFileAtomic } from './fs-safe.js';
import { isProcessAlive, processStartTicks } from './process-liveness.js';

export const runtimePath = (stateDir: string) => join(stateDir, RUNTIME_FILE);

/**
 * The runtime file if its gateway still runs (pid alive and, when recorded, the same start time); a
 * leftover from a killed gateway, or one whose pid now belongs to another process, reads as undefined;
 * so does a file that is not a whole runtime record (core parseRuntimeInfo).
 */
// eslint-disable-next-line @typescript-eslint/require-await -- reads with readSmallFile (sync, see there); async so a failure stays a rejection
export async function readRuntime(stateDir: string): Promise<RuntimeInfo | undefined> {
  try {
    const text = readSmallFile(runtimePath(stateDir));
    if (text === undefined) return undefined;
    const info = parseRuntimeInfo(JSON.parse(text));
    if (!info) return undefined;
    return isProcessAlive(info.pid, typeof info.startTicks === 'number' ? info.startTicks : undefined) ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True only when the recorded pid provably is the process that wrote the file: alive with the recorded
 * start time. A file without a start time cannot be proved where start times exist (Linux), so nothing
 * may signal it; where they do not exist the pid is all there is. Every signal sent to a pid read from
 * a file goes through this check (down, the editor's stop).
 */
export function isRecordedProcess(rec: { pid: number; startTicks?: number }): boolean {
  if (typeof rec.startTicks !== 'number') return processStartTicks(process.pid) === undefined && isProcessAlive(rec.pid);
  return isProcessAlive(rec.pid, rec.startTicks);
}

/** Sends `signal` to a recorded process only if it still is that process; false when it was not sent. */
export function signalRecordedProcess(rec: { pid: number; startTicks?: number }, signal: NodeJS.Signals): boolean {
  if (!isRecordedProcess(rec)) return false;
  try {
    process.kill(rec.pid, signal);
    return true;
  } catch {
    return false;
  }
}

export async function writeRuntime(stateDir: string, info: RuntimeInfo): Promise<void> {
  await writeFileAtomic(runtimePath(stateDir), `${JSON.stringify(info, null, 2)}\n`, 0o600);
}

export async function removeRuntime(stateDir: string): Promise<void> {
  await unlink(runtimePath(stateDir)).catch(() => undefined);
}
