import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BIN, cleanEnv, makeHome, removeHome, runCli, type CliResult } from './helpers/cli.js';

/** Node 24 as tools/vscode-harness/setup.sh installs it (CI runs it before the tests). */
const NODE24 = join(process.env.CLAWPORT_HARNESS ?? join(homedir(), '.cache', 'clawport-vscode-harness'), 'node24/node_modules/node/bin/node');

function runOn(node: string, args: readonly string[], home: string, extra: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [BIN, ...args], { env: cleanEnv(home, extra), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// bin/run.js turns on Node's compile cache (Node >= 22.1) under the user's cache dir: later starts skip
// compiling. Where it cannot write, the command must run exactly as without it.
describe('compile cache (Node >= 22.1): under the user cache dir, harmless when unwritable', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    assert.ok(existsSync(NODE24), `Node 24 missing at ${NODE24}: run tools/vscode-harness/setup.sh`);
    home = await makeHome();
    assert.equal((await runCli(['--profile', 'x', 'setup', '--port', '23700'], home)).code, 0);
  });
  after(() => removeHome(home));

  it('Node 24 keeps compiled code in CLAWPORT_CACHE_DIR/node-compile-cache, and prints the same', async () => {
    const cache = join(home, 'cache');
    const first = await runOn(NODE24, ['--profile', 'x', 'status'], home, { CLAWPORT_CACHE_DIR: cache });
    const second = await runOn(NODE24, ['--profile', 'x', 'status'], home, { CLAWPORT_CACHE_DIR: cache });
    assert.deepEqual(second, first);
    assert.equal(first.code, 0, first.stderr);
    const [dir] = await readdir(join(cache, 'node-compile-cache'));
    assert.match(dir, /^v24\./);
    assert.ok((await readdir(join(cache, 'node-compile-cache', dir))).length > 0, 'no cache entry written');
  });

  it('a cache dir that cannot be created (a file is in the way): same output, exit 0, nothing on stderr', async () => {
    const blocked = join(home, 'not-a-dir');
    await writeFile(blocked, 'x');
    const plain = await runOn(NODE24, ['--profile', 'x', 'status'], home, { CLAWPORT_CACHE_DIR: join(home, 'cache2'), NODE_DISABLE_COMPILE_CACHE: '1' });
    const r = await runOn(NODE24, ['--profile', 'x', 'status'], home, { CLAWPORT_CACHE_DIR: join(blocked, 'sub') });
    assert.deepEqual(r, plain);
    assert.equal(r.stderr, '');
  });
});
