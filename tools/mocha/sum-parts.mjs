// Sums the mocha summaries of a project's parts (<dir>/<part>/mocha-summary.json) into
// <dir>/mocha-summary.json, which tools/mocha/summarize.mjs totals. A missing part counts as a failure.
// usage: node tools/mocha/sum-parts.mjs <results-dir> <part>...
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...parts] = process.argv.slice(2);
const total = { passes: 0, failures: 0, pending: 0, tests: 0 };
for (const part of parts) {
  const f = join(dir, part, 'mocha-summary.json');
  if (!existsSync(f)) {
    console.log(`${part}: no test summary (the run did not finish)`);
    total.failures += 1;
    continue;
  }
  const s = JSON.parse(readFileSync(f, 'utf8'));
  for (const k of Object.keys(total)) total[k] += s[k];
}
writeFileSync(join(dir, 'mocha-summary.json'), JSON.stringify(total));
console.log(`${total.passes} passed, ${total.failures} failed`);
process.exit(total.failures > 0 ? 1 : 0);
