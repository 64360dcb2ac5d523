import { join } from 'node:path';
import { LOCK_FILE, StateDirLockedError, type ResolvedInstance } from '@clawport/core';
import { ensurePrivateDir, readRuntime, tryLock, type HeldLock } from '@clawport/core/node';

/**
 * One gateway per state dir: an O_EXCL lock file taken before anything is bound. A lock left by a
 * killed gateway is reclaimed by tryLock; a live holder is named (pid, profile, port) in the error.
 * `readyLimitMs`: how long this start may take before it gives up by itself (upstream's engine: minutes
 * under load), so a watcher reading the lock treats the holder as starting until then, not as failed.
 */
export async function acquireStateLock(instance: ResolvedInstance, extra: { readyLimitMs?: number } = {}): Promise<HeldLock> {
  await ensurePrivateDir(instance.stateDir);
  const got = await tryLock(join(instance.stateDir, LOCK_FILE), {
    profile: instance.profile,
    name: instance.name,
    port: instance.port,
    ...extra,
  });
  if ('lock' in got) return got.lock;
  const holder = got.holder;
  // The holder's runtime file knows the port it really bound (it may run on --port); the lock knows the intent.
  const runtime = await readRuntime(instance.stateDir);
  const port = runtime?.pid === holder.pid ? runtime.base : typeof holder.port === 'number' ? holder.port : undefined;
  const profile = typeof holder.profile === 'string' ? holder.profile : (runtime?.profile ?? 'unknown');
  throw new StateDirLockedError(instance.stateDir, holder.pid, profile, port);
}
