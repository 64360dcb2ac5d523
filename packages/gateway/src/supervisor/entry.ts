// The detached supervisor process: `node entry.js <stateDir>`. Started by startSupervisor(), never imported.
import { runSupervisor } from './run.js';

const stateDir = process.argv[2];
if (!stateDir) {
  process.stderr.write('usage: entry.js <stateDir>\n');
  process.exit(2);
}
runSupervisor(stateDir).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`supervisor failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
