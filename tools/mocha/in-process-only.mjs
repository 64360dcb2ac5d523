// Loaded by a package's `npm run test:unit` (mocha --require): the unit tier proves behaviour inside
// the test process, so a unit test that starts a child process or binds a socket fails loudly here
// instead of quietly becoming a slow process-level test. Under `npm test` the unit files run beside
// the process-level tests, which need both, so this is not loaded there.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const refuse = (what) => () => {
  throw new Error(`unit tier: ${what} is not allowed in test/unit/ (a test that needs it belongs to the process-level tests)`);
};
for (const fn of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) childProcess[fn] = refuse(`child_process.${fn}`);
net.Server.prototype.listen = refuse('binding a port (net.Server.listen)');
syncBuiltinESMExports();
