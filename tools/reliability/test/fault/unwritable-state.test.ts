import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { BIN, cleanEnv, makeHome, oneLineError, removeHome, runCli, runCommand } from '../helpers/cli.js';
import { pathsOf, setupProfile, snapshotDir } from '../helpers/instance.js';
import { listeningIn } from '../helpers/sockets.js';
import { PORTS } from '../helpers/ports.js';

/**
 * "Disk full / read-only" without faking: this suite runs as root, which ignores file modes (chmod 0500
 * does not stop root), so the state dir is made immutable with `chattr +i` (ext4: even root gets
 * EPERM creating, renaming or chmod-ing in it), and a full disk is a 64 KiB tmpfs mounted over the
 * state dir inside a private mount namespace (`unshare -m`), so the mount dies with the command.
 */
const BASE = PORTS.sigterm + 120; // bound only by the refused gateway start below, which must bind nothing

function chattr(flag: '+i' | '-i', path: string): void {
  execFileSync('chattr', [flag, path]);
}

describe('fault: a state dir that cannot be written (immutable dir, full disk)', function () {
  this.timeout(120_000);
  let home: string;
  let stateDir: string;
  let configPath: string;
  let immutable = false;

  beforeEach(async () => {
    home = await makeHome();
    await setupProfile(home, 'ro', BASE);
    ({ stateDir, configPath } = pathsOf(home, 'ro'));
  });
  afterEach(async () => {
    if (immutable) chattr('-i', stateDir);
    immutable = false;
    await removeHome(home);
  });

  it('chattr +i really stops root here (else this file proves nothing)', async () => {
    chattr('+i', stateDir);
    immutable = true;
    const r = await runCommand('sh', ['-c', `touch '${stateDir}/probe'`], process.env);
    assert.notEqual(r.code, 0, 'root could write into an immutable dir: the fault is not simulated');
  });

  for (const args of [
    ['config', 'set', 'gateway.port', String(BASE + 1)],
    ['config', 'unset', 'gateway.port'],
    ['config', 'rollback'],
    ['setup', '--port', String(BASE + 2)],
  ]) {
    it(`openclaw ${args.join(' ')} on an immutable state dir: one clear line, non-zero exit, old config intact`, async () => {
      if (args[1] === 'rollback') assert.equal((await runCli(['--profile', 'ro', 'config', 'set', 'logging.level', 'warn'], home)).code, 0);
      const before = await snapshotDir(stateDir);
      chattr('+i', stateDir);
      immutable = true;
      const r = await runCli(['--profile', 'ro', ...args], home);
      assert.notEqual(r.code, 0, `succeeded without writing?\n${r.stdout}`);
      const line = oneLineError(r);
      assert.ok(line.includes(stateDir), `the error does not name the state dir: ${line}`);
      chattr('-i', stateDir);
      immutable = false;
      assert.deepEqual(await snapshotDir(stateDir), before);
    });
  }

  it('a gateway on an immutable state dir refuses to start: one line, nothing bound, nothing written', async () => {
    const before = await snapshotDir(stateDir);
    chattr('+i', stateDir);
    immutable = true;
    const r = await runCli(['--profile', 'ro', 'gateway'], home);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^error: .*/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'stack trace on stderr');
    assert.deepEqual(await listeningIn(BASE, BASE + 110), []);
    chattr('-i', stateDir);
    immutable = false;
    assert.deepEqual(await snapshotDir(stateDir), before);
  });

  it('disk full (64 KiB tmpfs, filled): config set fails with one line and the config keeps its bytes', async () => {
    const original = await readFile(configPath);
    // Inside a private mount namespace: copy the instance onto a tiny tmpfs, fill it, run the CLI, hash again.
    const script = [
      'set -e',
      `cp -a '${stateDir}' /tmp/.rel-save-$$`,
      `mount -t tmpfs -o size=64k,mode=0700 tmpfs '${stateDir}'`,
      `cp -a /tmp/.rel-save-$$/. '${stateDir}/' && rm -rf /tmp/.rel-save-$$`,
      `dd if=/dev/zero of='${stateDir}/filler' bs=4k 2>/dev/null || true`,
      `sha256sum '${configPath}' >&2`,
      'set +e',
      `'${process.execPath}' '${BIN}' --profile ro config set agents.defaults.big "'$(head -c 20000 /dev/zero | tr '\\0' x)'"`,
      'echo "exit=$?" >&2',
      `sha256sum '${configPath}' >&2`,
      `ls -a '${stateDir}' >&2`,
    ].join('\n');
    const r = await runCommand('unshare', ['-m', 'sh', '-c', script], cleanEnv(home));
    const hashes = [...r.stderr.matchAll(/^([0-9a-f]{64}) /gm)].map((m) => m[1]);
    assert.equal(hashes.length, 2, `script did not run through:\n${r.stderr}`);
    assert.equal(hashes[1], hashes[0], `the config changed on a full disk:\n${r.stderr}`);
    assert.match(r.stderr, /^exit=[1-9]/m, `config set succeeded on a full disk:\n${r.stderr}`);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    assert.equal(errors.length, 1, r.stderr);
    assert.match(errors[0], /ENOSPC|no space/i);
    assert.doesNotMatch(r.stderr, /\.tmp$/m, 'a temp file was left on the full disk');
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'stack trace');
    assert.deepEqual(await readFile(configPath), original, 'the real (unmounted) config changed');
  });
});
