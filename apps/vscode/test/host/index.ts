// Entry point the extension host loads (extensionTestsPath): runs every bundled *.test.js beside it with
// mocha, through the repo's reporter (spec output, closing "N passed, N failed", test-results summary).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // tools/mocha/reporter.cjs writes <CLAWPORT_TEST_RESULTS>/mocha-summary.json
  if (process.env.EXT_TEST_RESULTS_DIR) process.env.CLAWPORT_TEST_RESULTS = process.env.EXT_TEST_RESULTS_DIR;
  const reporter = process.env.EXT_TEST_REPORTER ?? path.resolve(__dirname, '../../../../../tools/mocha/reporter.cjs');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter });
  // EXT_TEST_FILES (comma list of name parts) picks files; by default *.tier.test.js (suites that need a
  // tier's setup, e.g. real upstream gateways) are left out.
  const only = (process.env.EXT_TEST_FILES ?? '').split(',').filter(Boolean);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (!f.endsWith('.test.js')) continue;
    if (only.length > 0 ? only.some((o) => f.includes(o)) : !f.endsWith('.tier.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  await mocha.loadFilesAsync();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
