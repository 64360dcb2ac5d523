import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlan } from '../../../src/host/launcher.js';
import { cliPlan } from '../../../src/model/launch-plan.js';

const REPO_CLI = fileURLToPath(new URL('../../../../../packages/cli/bin/run.js', import.meta.url));
const target = { profile: 'main', custom: false, stateDir: '/nowhere/.openclaw-main', configPath: '/nowhere/.openclaw-main/openclaw.json' };

/**
 * On a host with upstream OpenClaw installed, `openclaw` on PATH is upstream's: the extension must run
 * Clawport's own CLI (the configured/repository bin/run.js, else `clawport`), never `openclaw`.
 */
describe('host: the extension runs Clawport\'s CLI, never the openclaw first on PATH', () => {
  let bin: string;
  let path: string | undefined;
  before(async () => {
    bin = await mkdtemp(join(tmpdir(), 'clawport-fake-path-'));
    // A stand-in upstream that leaves a mark when anything runs it, and a stand-in `clawport`.
    await writeFile(join(bin, 'openclaw'), `#!/bin/sh\ntouch "${bin}/openclaw-ran"\necho upstream openclaw\n`);
    await writeFile(join(bin, 'clawport'), '#!/bin/sh\necho "clawport $*"\n');
    await chmod(join(bin, 'openclaw'), 0o755);
    await chmod(join(bin, 'clawport'), 0o755);
    path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
  });
  after(async () => {
    process.env.PATH = path;
    await rm(bin, { recursive: true, force: true });
  });

  it('without a CLI path: `clawport` from PATH', async () => {
    assert.equal((await runPlan(cliPlan(target, { node: 'node' }, ['status']), bin)).trim(), 'clawport --profile main status');
    assert.ok(!existsSync(join(bin, 'openclaw-ran')));
  });

  it('with the repository CLI (development mode, or clawport.cliPath): that bin/run.js under the configured Node', async () => {
    const out = await runPlan(cliPlan(target, { node: process.execPath, cli: REPO_CLI }, ['--version']), bin);
    assert.match(out, /^@clawport\/cli\/\d+\.\d+\.\d+ /);
    assert.ok(!existsSync(join(bin, 'openclaw-ran')));
  });
});
