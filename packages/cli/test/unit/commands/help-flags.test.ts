import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';
import { inProcess, tempHome } from '../helpers/in-process.js';

// `-h` is help wherever `--help` is (package.json oclif.additionalHelpFlags): it was a usage error
// ("Nonexistent flag: -h") on every command. The process-level twin (the real bin and its fast entries)
// is test/help-flags.test.ts.
describe('unit: -h on every command prints that command\'s help (in-process)', () => {
  let home: Awaited<ReturnType<typeof tempHome>>;
  before(async () => (home = await tempHome()));
  after(async () => home.remove());

  it('every command oclif knows: exit 0, its own usage line, nothing on stderr', async () => {
    const config = await Config.load({ root: fileURLToPath(new URL('../../..', import.meta.url)) });
    const ids = config.commands.filter((c) => !c.hidden && c.pluginName === '@clawport/cli').map((c) => c.id).sort();
    assert.ok(ids.length > 30, `only ${ids.length} commands`);
    const failures: string[] = [];
    for (const id of ids) {
      const words = id.split(':');
      const r = await inProcess([...words, '-h'], home.path);
      if (r.exitCode !== 0 || r.stderr !== '' || !r.stdout.includes(`USAGE\n  $ clawport ${words.join(' ')}`)) {
        failures.push(`clawport ${words.join(' ')} -h: exit ${r.exitCode}, ${r.line ?? r.stderr.trim() ?? r.stdout.slice(0, 80)}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
