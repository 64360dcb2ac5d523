// Spec reporter that ends with one line CI reads ("N passed, N failed") and leaves a per-project
// summary in test-results/ so tools/mocha/summarize.mjs can total every project into one last line.
const Mocha = require('mocha');
const fs = require('node:fs');
const path = require('node:path');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = this.stats;
      process.stdout.write(`${s.passes} passed, ${s.failures} failed\n`);
      const dir = process.env.CLAWPORT_TEST_RESULTS ?? 'test-results';
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'mocha-summary.json'),
        JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending, tests: s.tests }),
      );
    });
  }
}
module.exports = SpecWithSummary;
