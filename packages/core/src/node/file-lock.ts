import { open, readFile, stat, unlink } from 'node:fs/promises';
import { ClawportError } from '../errors.js';
import { isProcessAlive, processStartTicks } from './process-liveness.js';

/** What a lock file records about its owner; extra fields (profile, port) are for messages. */
export interface LockOwner {
  pid: number;
  startTicks?: number;
  acquiredAt: number;
  [key: string]: unknown;
}

export interface HeldLock {
  path: string;
  release(): Promise<void>;
}

/** A lock file that cannot be written (read-only dir, disk full): names the path. */
export class LockError extends ClawportError {
  override readonly code: string = 'LOCK';
}

async function readOwner(path: string): Promise<LockOwner | undefined | 'unreadable'> {
  try {
    const text = await readFile(path, 'utf8');
    const owner = JSON.parse(text) as LockOwner;
    return typeof owner.pid === 'number' ? owner : 'unreadable';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return 'unreadable';
  }
}

/**
 * Tries once to take an exclusive lock file (O_EXCL). A lock whose owner died (kill -9) is reclaimed;
 * a live one is returned as the holder. An unreadable lock younger than 2 s is treated as being written.
 */
export async function tryLock(
  path: string,
  extra: Record<string, unknown> = {},
): Promise<{ lock: HeldLock } | { holder: LockOwner }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const owner: LockOwner = { pid: process.pid, startTicks: processStartTicks(process.pid), acquiredAt: Date.now(), ...extra };
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(owner));
        await handle.sync();
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        lock: {
          path,
          release: async () => {
            if (released) return;
            released = true;
            const current = await readOwner(path);
            if (current !== undefined && current !== 'unreadable' && current.pid === process.pid) {
              await unlink(path).catch(() => undefined);
            }
          },
        },
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new LockError(`cannot create lock ${path}: ${(e as Error).message}`, 'check that the directory is writable');
      }
    }
    const holder = await readOwner(path);
    if (holder === undefined) continue; // released between our open and read: try again
    if (holder === 'unreadable') {
      const age = Date.now() - (await stat(path).then((s) => s.mtimeMs).catch(() => 0));
      if (age < 2000) return { holder: { pid: 0, acquiredAt: 0 } };
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (isProcessAlive(holder.pid, holder.startTicks)) return { holder };
    await unlink(path).catch(() => undefined); // stale: its owner is gone
  }
  throw new LockError(`cannot take lock ${path}: it keeps changing hands`, 'try again');
}

/** Waits for a short-lived lock (config writes), with jittered back-off, then runs fn and releases. */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    const got = await tryLock(path);
    if ('lock' in got) {
      try {
        return await fn();
      } finally {
        await got.lock.release();
      }
    }
    if (Date.now() > deadline) {
      throw new LockError(
        `timed out waiting for ${path} (held by pid ${got.holder.pid})`,
        'another openclaw command is writing this config; try again',
      );
    }
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 50);
  }
}
