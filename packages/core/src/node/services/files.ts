import { mkdir, readFile, rmdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ServiceFile } from '../../services/render.js';
import { writeFileAtomic } from '../fs-safe.js';

/** What install did to one file; `kept` is a create-only file that already existed (user secrets). */
export interface FileChange {
  path: string;
  action: 'created' | 'updated' | 'unchanged' | 'kept';
}

export function encodeServiceFile(file: ServiceFile): Buffer {
  if (file.encoding === 'utf16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file.content, 'utf16le')]);
  return Buffer.from(file.content, 'utf8');
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export interface WriteResult {
  changes: FileChange[];
  /** Puts every file back as it was, for an install whose manager command then failed. */
  rollback(): Promise<void>;
}

/**
 * Writes a backend's files atomically with their modes. Files holding secrets are 0600 and their
 * directories 0700; a create-only file (the env file) is never overwritten.
 */
export async function writeServiceFiles(files: readonly ServiceFile[]): Promise<WriteResult> {
  const previous = new Map<string, Buffer | undefined>();
  const changes: FileChange[] = [];
  /** Directories this write created, outermost first per file, so a rollback removes them too. */
  const createdDirs: string[] = [];
  const rollback = async () => {
    for (const [path, before] of [...previous].reverse()) {
      if (before === undefined) await unlink(path).catch(() => undefined);
      else await writeFileAtomic(path, before);
    }
    for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
  };
  try {
    for (const file of files) {
      const before = await readIfExists(file.path);
      const data = encodeServiceFile(file);
      if (before !== undefined && (file.createOnly || before.equals(data))) {
        changes.push({ path: file.path, action: file.createOnly ? 'kept' : 'unchanged' });
        continue;
      }
      const parent = dirname(file.path);
      const first = await mkdir(parent, { recursive: true, mode: file.mode & 0o066 ? 0o755 : 0o700 });
      if (first !== undefined) {
        const chain = [parent];
        for (let d = parent; d !== first && d !== dirname(d); ) chain.unshift((d = dirname(d)));
        createdDirs.push(...chain);
      }
      previous.set(file.path, before);
      await writeFileAtomic(file.path, data, file.mode);
      changes.push({ path: file.path, action: before === undefined ? 'created' : 'updated' });
    }
  } catch (e) {
    await rollback();
    throw e;
  }
  return { changes, rollback };
}

/**
 * Removes exactly the given files (missing ones are fine), then each of `pruneDirs` that this left
 * empty — only directories of our own, never e.g. ~/.config/systemd/user.
 */
export async function removeFiles(paths: readonly string[], pruneDirs: readonly string[] = []): Promise<string[]> {
  const removed: string[] = [];
  for (const path of paths) {
    try {
      await unlink(path);
      removed.push(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  for (const dir of pruneDirs) {
    await rmdir(dir).catch(() => undefined);
  }
  return removed;
}
