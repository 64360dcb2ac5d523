import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { RUNTIME_FILE, type RuntimeInfo } from '../runtime.js';
import { writeFileAtomic } from './fs-safe.js';
import { isProcessAlive } from './process-liveness.js';

export const runtimePath = (stateDir: string) => join(stateDir, RUNTIME_FILE);

/** The runtime file if its gateway still runs; a leftover from a killed gateway reads as undefined. */
export async function readRuntime(stateDir: string): Promise<RuntimeInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(runtimePath(stateDir), 'utf8')) as RuntimeInfo;
    return isProcessAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export async function writeRuntime(stateDir: string, info: RuntimeInfo): Promise<void> {
  await writeFileAtomic(runtimePath(stateDir), `${JSON.stringify(info, null, 2)}\n`, 0o600);
}

export async function removeRuntime(stateDir: string): Promise<void> {
  await unlink(runtimePath(stateDir)).catch(() => undefined);
}
