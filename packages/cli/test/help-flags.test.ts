import assert from 'node:assert/strict';
import { makeHome, removeHome, runCli, snapshot } from './helpers/cli.js';

// `-h` is help wherever `--help` is (package.json oclif.additionalHelpFlags): it was a usage error
// ("Nonexistent flag: -h"). Through the real bin, including the argv its fast entries hand to oclif;
// every command is swept in-process by test/unit/commands/help-flags.test.ts.
describe('help: -h through the real bin is --help', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => (home = await makeHome()));
  after(async () => removeHome(home));

  for (const argv of [[], ['status'], ['ports', 'check'], ['gateway'], ['gateway', 'install']]) {
    it(`clawport ${[...argv, '-h'].join(' ')}: the same output as --help, exit 0, nothing written`, async () => {
      const [short, long] = await Promise.all([runCli([...argv, '-h'], home), runCli([...argv, '--help'], home)]);
      assert.deepEqual(short, long);
      assert.deepEqual([short.code, short.stderr], [0, '']);
      assert.match(short.stdout, /USAGE\n {2}\$ clawport/);
      assert.deepEqual(await snapshot(home), {});
    });
  }
});
