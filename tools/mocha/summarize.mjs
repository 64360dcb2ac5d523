// Totals every project's test-results/mocha-summary.json into the closing line of `npm test`.
// A project whose test target ran but left no summary (it crashed before mocha ended) counts as a failure.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const projects = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const project of projects) {
  const file = join(root, project, 'test-results', 'mocha-summary.json');
  if (!existsSync(file)) {
    console.log(`${project}: no test summary (the test run did not finish)`);
    failed += 1;
    continue;
  }
  const s = JSON.parse(readFileSync(file, 'utf8'));
  passed += s.passes;
  failed += s.failures;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
