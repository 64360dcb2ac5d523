import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropStaleManifest } from '../../src/manifest.js';

describe('manifest: a stale oclif.manifest.json never hides a command', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'clawport-manifest-'));
    await mkdir(join(root, 'dist', 'commands', 'ports'), { recursive: true });
    await writeFile(join(root, 'dist', 'commands', 'ports', 'check.js'), '');
    await writeFile(join(root, 'oclif.manifest.json'), '{}');
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));
  const exists = (p: string) => stat(p).then(() => true, () => false);

  const cases: Array<[string, number, number, boolean]> = [
    ['manifest written after the build: kept', 1000, 2000, true],
    ['a command compiled after the manifest (nested dir): dropped', 3000, 2000, false],
  ];
  for (const [name, commandTime, manifestTime, kept] of cases) {
    it(name, async () => {
      await utimes(join(root, 'dist', 'commands', 'ports', 'check.js'), commandTime, commandTime);
      await utimes(join(root, 'oclif.manifest.json'), manifestTime, manifestTime);
      await dropStaleManifest(root);
      assert.equal(await exists(join(root, 'oclif.manifest.json')), kept);
    });
  }

  it('no manifest, no dist: nothing happens', async () => {
    await rm(root, { recursive: true });
    await dropStaleManifest(root);
    assert.equal(await exists(root), false);
  });
});
