import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Registers beforeEach/afterEach in the calling describe: a fresh OPENCLAW_HOME (mkdtemp under the OS
 * temp dir, named by `prefix`) for every test, removed after it. Read `.home` inside tests only.
 */
export function tempHomePerTest(prefix: string): { readonly home: string } {
  let home: string | undefined;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (home) await rm(home, { recursive: true, force: true });
    home = undefined;
  });
  return {
    get home() {
      if (!home) throw new Error('tempHomePerTest: home is only there inside a test (after beforeEach)');
      return home;
    },
  };
}
