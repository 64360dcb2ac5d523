import assert from 'node:assert/strict';
import { chmod, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { makeHome, ok, removeHome, runCli } from '../helpers/cli.js';
import { modeOf, pathsOf, startGatewayCli } from '../helpers/instance.js';
import { PORTS } from '../helpers/ports.js';

const BASE = PORTS.secrets;

/**
 * The whole state dir: itself and every dir 0700, every file 0600. The canvas root is the one
 * exception: it holds pages the canvas host serves to a browser, nothing secret.
 */
async function assertPrivate(stateDir: string, after: string, stateDirMode = '0700'): Promise<void> {
  // An existing state dir keeps its mode (it may be shared; we never chmod a dir we did not create).
  assert.equal(await modeOf(stateDir), stateDirMode, `${after}: state dir`);
  async function walk(dir: string): Promise<void> {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      const rel = relative(stateDir, p);
      if (e.isDirectory()) {
        assert.equal(await modeOf(p), '0700', `${after}: dir ${rel}`);
        if (rel !== 'canvas') await walk(p);
      } else assert.equal(await modeOf(p), '0600', `${after}: file ${rel}`);
    }
  }
  await walk(stateDir);
}

/** `doctor` names an existing state dir that group or others can open (we leave its mode alone). */
async function assertDoctorWarns(home: string, profile: string, stateDir: string): Promise<void> {
  const r = await runCli(['--profile', profile, 'doctor', '--json'], home);
  const findings = (JSON.parse(r.stdout) as { findings: Array<{ check: string; file?: string; severity: string }> }).findings;
  assert.ok(
    findings.some((f) => f.check === 'files.permissions' && f.file === stateDir && f.severity === 'warning'),
    `doctor warns about ${stateDir}: ${r.stdout}`,
  );
}

describe('security: state dir 0700 and secrets 0600 after every command that writes them', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    home = await makeHome();
  });
  after(() => removeHome(home));

  it('setup, config set/unset, gateway start and stop (including after someone loosened the modes)', async () => {
    const { stateDir, configPath } = pathsOf(home, 'perm');
    ok(await runCli(['--profile', 'perm', 'setup', '--port', String(BASE)], home), 'setup');
    await assertPrivate(stateDir, 'setup');
    assert.equal(await modeOf(join(home, '.config', 'clawport')), '0700', 'host lock dir');

    await chmod(stateDir, 0o755);
    await chmod(configPath, 0o644);
    ok(await runCli(['--profile', 'perm', 'config', 'set', 'logging.level', 'debug'], home), 'config set');
    await assertPrivate(stateDir, 'config set over loosened modes', '0755');
    await assertDoctorWarns(home, 'perm', stateDir);
    await chmod(stateDir, 0o700);
    assert.equal((await stat(`${configPath}.last-good`)).mode & 0o777, 0o600, 'last-good');

    ok(await runCli(['--profile', 'perm', 'config', 'unset', 'logging.level'], home), 'config unset');
    await assertPrivate(stateDir, 'config unset');

    await chmod(configPath, 0o644);
    ok(await runCli(['--profile', 'perm', 'config', 'rollback'], home), 'config rollback');
    await assertPrivate(stateDir, 'config rollback over a loosened config (.rolled-back included)');

    await chmod(stateDir, 0o755);
    ok(await runCli(['--profile', 'perm', 'setup'], home), 'setup again');
    await assertPrivate(stateDir, 'setup again over a loosened state dir', '0755');
    await chmod(stateDir, 0o700);

    const gw = await startGatewayCli(home, 'perm', BASE);
    try {
      await assertPrivate(stateDir, 'gateway start (lock, runtime file, logs)');
    } finally {
      assert.equal((await gw.stop()).code, 0);
    }
    await assertPrivate(stateDir, 'gateway stop');
  });

  it('setup over a hand-made world-readable state dir tightens the config, leaves the dir and doctor warns', async () => {
    const { stateDir, configPath } = pathsOf(home, 'loose');
    await import('node:fs/promises').then((fs) => fs.mkdir(stateDir, { mode: 0o755 }));
    await chmod(stateDir, 0o755);
    await writeFile(configPath, `{ gateway: { port: ${BASE + 120} } }\n`, { mode: 0o644 });
    await chmod(configPath, 0o644);
    ok(await runCli(['--profile', 'loose', 'setup'], home), 'setup');
    await assertPrivate(stateDir, 'setup over loose modes', '0755');
    await assertDoctorWarns(home, 'loose', stateDir);
  });
});
