import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';
import { runCli } from '../helpers/cli.js';

/**
 * bin/run.js answers a lone `--version` before oclif loads; every other spelling still goes through
 * oclif. Both must print oclif's own userAgent, byte for byte.
 */
describe('bin/run.js --version', () => {
  let home: string;
  let expected: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'clawport-version-'));
    expected = (await Config.load(fileURLToPath(new URL('../..', import.meta.url)))).userAgent;
  });
  after(() => rm(home, { recursive: true, force: true }));

  const cases: Array<{ name: string; args: string[] }> = [
    { name: 'lone --version (fast path)', args: ['--version'] },
    { name: '--profile x --version (through oclif)', args: ['--profile', 'x', '--version'] },
    { name: '--version with a trailing word (through oclif)', args: ['--version', 'extra'] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runCli(c.args, home, { XDG_DATA_HOME: join(home, 'data') });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${expected}\n`);
      assert.equal(r.stderr, '');
    });
  }
});
