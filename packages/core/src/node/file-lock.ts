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
  // Bounded: a stale lock is reclaimed in a round or two. The deadline outlasts a reclaim guard left by
  // a killed process (it ages out after UNREADABLE_GRACE_MS); only a lock that keeps changing hands runs out.
  const deadline = Date.now() + 3 * UNREADABLE_GRACE_MS;
  for (let attempt = 0; attempt < 50 || Date.now() < deadline; attempt++) {
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
      if ((await ageMs(path)) < UNREADABLE_GRACE_MS) return { holder: { pid: 0, acquiredAt: 0 } };
    } else if (isProcessAlive(holder.pid, holder.startTicks)) return { holder };
    await removeIfStale(path); // its owner is gone
  }
  throw new LockError(`cannot take lock ${path}: it keeps changing hands`, 'try again');
}

const UNREADABLE_GRACE_MS = 2000;

async function ageMs(path: string): Promise<number> {
  return Date.now() - (await stat(path).then((s) => s.mtimeMs).catch(() => 0));
}

/** True when the lock file at path (still) belongs to nobody: a dead owner, or unreadable for too long. */
async function isStale(path: string): Promise<boolean> {
  const owner = await readOwner(path);
  if (owner === undefined) return false;
  if (owner === 'unreadable') return (await ageMs(path)) >= UNREADABLE_GRACE_MS;
  return !isProcessAlive(owner.pid, owner.startTicks);
}

/**
 * Deletes a stale lock file under a short guard lock, after checking again that it is still stale.
 * Without the guard, two processes that both saw the dead owner could each delete and re-create the
 * lock, the second deleting the first one's fresh lock: two holders (seen with 8 racing processes).
 * A guard left by a process killed inside this window is itself removed once it is old.
 */
async function removeIfStale(path: string): Promise<void> {
  const guard = `${path}.reclaim`;
  try {
    await (await open(guard, 'wx', 0o600)).close();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new LockError(`cannot create ${guard}: ${(e as Error).message}`, 'check that the directory is writable');
    if ((await ageMs(guard)) >= UNREADABLE_GRACE_MS) await unlink(guard).catch(() => undefined);
    else await new Promise((r) => setTimeout(r, 2 + Math.random() * 8)); // someone else is reclaiming
    return;
  }
  try {
    if (await isStale(path)) await unlink(path).catch(() => undefined);
  } finally {
    await unlink(guard).catch(() => undefined);
  }
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
        'another clawport command is writing this config; try again',
      );
    }
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 50);
  }
}
