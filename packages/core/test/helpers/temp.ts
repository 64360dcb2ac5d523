import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp dir per test, removed afterwards. Use it as OPENCLAW_HOME. */
export function useTempDir(prefix = 'clawport-core-'): { readonly path: string } {
  const box = { path: '' };
  beforeEach(async () => {
    box.path = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(box.path, { recursive: true, force: true });
  });
  return box;
}
