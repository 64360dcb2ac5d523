import assert from 'node:assert/strict';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StateSymlinkError } from '@clawport/core';
import { startGateway } from '../../../src/index.js';
import { gatewayOptions, gatewaysInTempHome, setupProfile } from '../../helpers.js';

describe('gateway start refuses symlinks inside its state dir (issue 16 #8)', () => {
  const env = gatewaysInTempHome();

  it('a logs dir linked elsewhere: one clear line, nothing written through it, no lock left', async () => {
    const p = await setupProfile(env.home, 'main', { gateway: { port: 24800 } });
    const elsewhere = join(env.home, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'gateway.log'), 'keep\n');
    await rm(join(p.instance.stateDir, 'logs'), { recursive: true, force: true });
    await symlink(elsewhere, join(p.instance.stateDir, 'logs'));
    const logs = join(p.instance.stateDir, 'logs');
    await assert.rejects(startGateway(gatewayOptions(p)), (e: unknown) => {
      assert.ok(e instanceof StateSymlinkError);
      assert.equal(e.toLine(), `${logs} is a symbolic link; clawport does not follow links inside state dirs (replace it with the real file or directory; for a state dir elsewhere, set OPENCLAW_STATE_DIR to its real path)`);
      return true;
    });
    assert.equal(await readFile(join(elsewhere, 'gateway.log'), 'utf8'), 'keep\n');
    await assert.rejects(readFile(join(p.instance.stateDir, 'gateway.lock')), { code: 'ENOENT' });
  });
});
