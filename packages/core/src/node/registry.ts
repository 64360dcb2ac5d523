import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from './fs-safe.js';
import { withFileLock } from './file-lock.js';

/** An instance with custom paths (the manual OPENCLAW_STATE_DIR/OPENCLAW_CONFIG_PATH form). */
export interface RegistryEntry {
  name: string;
  stateDir: string;
  configPath: string;
}

/** Kept outside every state dir so no instance owns the list of all instances. */
export const registryPath = (home: string) => join(home, '.config', 'clawport', 'instances.json');

export async function readRegistry(home: string): Promise<RegistryEntry[]> {
  try {
    const parsed = JSON.parse(await readFile(registryPath(home), 'utf8')) as { instances?: RegistryEntry[] };
    // Malformed entries (hand-edited) are dropped like a missing file: one bad line must not hide every
    // instance from discovery. Paths must be absolute (or ~/…), as resolveInstancePaths requires.
    const usable = (p: unknown) => typeof p === 'string' && (isAbsolute(p) || p.startsWith('~/'));
    return (parsed.instances ?? []).filter((e) => usable(e?.stateDir) && usable(e?.configPath) && typeof e?.name === 'string');
  } catch {
    return [];
  }
}

async function writeRegistry(home: string, update: (entries: RegistryEntry[]) => RegistryEntry[]): Promise<void> {
  const path = registryPath(home);
  await ensurePrivateDir(dirname(path));
  await withFileLock(`${path}.lock`, async () => {
    const next = update(await readRegistry(home));
    await writeFileAtomic(path, `${JSON.stringify({ instances: next }, null, 2)}\n`);
  });
}

/** Records (or updates) a custom-path instance so discovery finds it. Idempotent. */
export async function registerInstance(home: string, entry: RegistryEntry): Promise<void> {
  const known = await readRegistry(home);
  const same = known.find((e) => e.stateDir === entry.stateDir);
  if (same && same.configPath === entry.configPath && same.name === entry.name) return;
  await writeRegistry(home, (entries) => [...entries.filter((e) => e.stateDir !== entry.stateDir), entry]);
}

export async function unregisterInstance(home: string, stateDir: string): Promise<void> {
  await writeRegistry(home, (entries) => entries.filter((e) => e.stateDir !== stateDir));
}
