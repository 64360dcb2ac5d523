import { constants, lstatSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { chmod, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { StateSymlinkError } from '../errors.js';

/** Refuses a path that is a symbolic link (a missing path is fine: it will be created as a real one). */
export async function refuseSymlink(path: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) throw new StateSymlinkError(path);
}

/**
 * chmod of the entry itself, never of what a link points to: opened with O_NOFOLLOW, changed through
 * the descriptor, so a link swapped in between cannot redirect it.
 */
export async function chmodNoFollow(path: string, mode: number): Promise<void> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new StateSymlinkError(path);
    throw e;
  }
  try {
    await handle.chmod(mode);
  } finally {
    await handle.close();
  }
}

/**
 * A small local file's text (a config, runtime, engine, incident or service-manifest file: a few KB),
 * or undefined when it does not exist; any other failure throws the read's own error. Synchronous on
 * purpose: host-wide reads open a few such files per instance, and the promise API pays four thread-pool
 * round trips per file (open, fstat, read, close), which made `ports check` over 1,000 profiles several
 * times slower (docs/explanation/performance.md). The stat first spares the files most instances lack
 * (runtime, engine, incidents) a thrown ENOENT and its stack trace.
 */
export function readSmallFile(path: string, options: { config?: boolean } = {}): string | undefined {
  let st: Stats | undefined;
  let statFailed = false;
  try {
    // A config is never read through a link (StateSymlinkError.config): lstat, the same one syscall.
    st = (options.config ? lstatSync : statSync)(path, { throwIfNoEntry: false });
    if (st?.isSymbolicLink()) throw StateSymlinkError.config(path, linkTarget(path));
  } catch (e) {
    if (e instanceof StateSymlinkError) throw e;
    // EACCES on a parent, ENOTDIR…: the read below fails with its own error (or ENOENT: missing).
    statFailed = true;
  }
  if (!st && !statFailed) return undefined;
  // A FIFO would block the read forever and /dev/zero never ends (found by a docs-only trial: every
  // read command hung on a config linked to either): only regular files (and directories, which fail
  // below with EISDIR) are read, and never more than a config can sensibly be.
  if (st && !st.isFile() && !st.isDirectory()) throw Object.assign(new Error(`not a regular file (${kindOf(st)})`), { code: 'EFTYPE' });
  if (st && st.size > MAX_SMALL_FILE) throw Object.assign(new Error(`${st.size} bytes, more than the ${MAX_SMALL_FILE / 2 ** 20} MiB a config or state file may be`), { code: 'EFBIG' });
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const MAX_SMALL_FILE = 64 * 2 ** 20;

/** Where a link points, resolved when it can be (what OPENCLAW_CONFIG_PATH would be set to). */
export function linkTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(dirname(path), readlinkSync(path));
  }
}

/** Refuses a config path that is a symbolic link (StateSymlinkError.config); a missing one is fine. */
export async function refuseConfigLink(path: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) throw StateSymlinkError.config(path, linkTarget(path));
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/** A state file's text, refusing a symbolic link (O_NOFOLLOW); undefined when it does not exist. */
export async function readStateFile(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new StateSymlinkError(path);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * State dirs hold credentials: every dir this call CREATES is 0700 (exactly, whatever the umask).
 * A dir that already exists keeps its mode: it may be shared (`OPENCLAW_CONFIG_PATH=/tmp/x.json` as
 * root must not strip /tmp's sticky bit), so we never chmod what we did not make; `doctor` warns
 * when an existing state dir is open to group or others. A symlinked one is refused, never followed.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await refuseSymlink(dir);
  const target = resolve(dir);
  const first = await mkdir(target, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // mkdir returns the topmost dir it created; tighten it and each created level below it.
  for (let d = target; ; d = dirname(d)) {
    await chmod(d, 0o700);
    if (d === resolve(first) || d === dirname(d)) break;
  }
}

/**
 * Writes a file so readers see the old or the new content, never a torn one: temp file in the same
 * directory, fsync, rename over the target, fsync the directory. Mode 0600 by default.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  try {
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** A path with its symlinks resolved (as far as it exists), so a link to another instance's dir is that dir. */
export function realPath(path: string): string {
  const rest: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return resolve(path);
      rest.push(basename(at));
      at = up;
    }
  }
}

