import { dirname, join } from 'node:path';
import { LOCK_FILE, LOGS_DIR, RUNTIME_FILE, TOKEN_FILE } from '../runtime.js';
import { refuseSymlink } from './fs-safe.js';

/**
 * The entries of a state dir that hold credentials or get written by the gateway. None may be a
 * symbolic link: a link would let whoever placed it redirect a chmod, a log append or a token read.
 */
export function stateEntries(stateDir: string): string[] {
  return [
    stateDir,
    dirname(join(stateDir, TOKEN_FILE)),
    join(stateDir, TOKEN_FILE),
    join(stateDir, LOGS_DIR),
    join(stateDir, LOGS_DIR, 'gateway.log'),
    join(stateDir, LOCK_FILE),
    join(stateDir, RUNTIME_FILE),
    join(stateDir, 'canvas'),
  ];
}

/** Throws StateSymlinkError naming the first symlinked state entry. */
export async function refuseSymlinkedState(stateDir: string): Promise<void> {
  for (const path of stateEntries(stateDir)) await refuseSymlink(path);
}
