import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * oclif trusts `oclif.manifest.json` blindly: with a stale one, a newly compiled command is invisible.
 * The build writes a fresh manifest (saves importing every command file on each start); a plain
 * `tsc -b` afterwards makes it stale, and then it is removed here so oclif reads dist/commands itself.
 */
export async function dropStaleManifest(root: string): Promise<void> {
  const manifest = join(root, 'oclif.manifest.json');
  const written = await stat(manifest).then((s) => s.mtimeMs, () => undefined);
  if (written === undefined) return;
  if ((await newestMtime(join(root, 'dist', 'commands'))) > written) await unlink(manifest).catch(() => undefined);
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(dir, e.name);
    const m = e.isDirectory() ? await newestMtime(path) : await stat(path).then((s) => s.mtimeMs, () => 0);
    newest = Math.max(newest, m);
  }
  return newest;
}
