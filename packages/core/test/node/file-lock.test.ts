import assert from 'node:assert/strict';
import { readFile, stat, writeFile, utimes, chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LockError, tryLock, withFileLock } from '../../src/node/file-lock.js';
import { isProcessAlive, processStartTicks } from '../../src/node/process-liveness.js';
import { useTempDir } from '../helpers/temp.js';
import { rejectsLine } from '../helpers/expect-error.js';
import { reap, spawnFixture, type Child } from '../helpers/child.js';

describe('node/file-lock', () => {
  const tmp = useTempDir();
  const lockFile = () => join(tmp.path, 'gateway.lock');
  const children: Child[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map(reap));
  });

  it('tryLock writes the owner (pid, start time, extra fields) 0600 and release removes it', async () => {
    const got = await tryLock(lockFile(), { profile: 'rescue', port: 19789 });
    assert.ok('lock' in got);
    const owner = JSON.parse(await readFile(lockFile(), 'utf8')) as Record<string, unknown>;
    assert.equal(owner.pid, process.pid);
    assert.equal(owner.startTicks, processStartTicks(process.pid));
    assert.deepEqual([owner.profile, owner.port], ['rescue', 19789]);
    assert.equal((await stat(lockFile())).mode & 0o777, 0o600);
    await got.lock.release();
    await assert.rejects(stat(lockFile()), { code: 'ENOENT' });
    await got.lock.release(); // twice is harmless
  });

  it('a lock held by a live process is reported with its holder', async () => {
    const child = spawnFixture('hold-lock.ts', [lockFile()]);
    children.push(child);
    assert.equal(await child.waitForLine((l) => l !== ''), 'locked');
    const got = await tryLock(lockFile());
    assert.ok('holder' in got);
    assert.equal(got.holder.pid, child.proc.pid);
    assert.deepEqual([got.holder.profile, got.holder.port], ['rescue', 19789]);
  });

  it('a lock whose owner was killed with SIGKILL is reclaimed', async () => {
    const child = spawnFixture('hold-lock.ts', [lockFile()]);
    children.push(child);
    assert.equal(await child.waitForLine((l) => l !== ''), 'locked');
    const pid = child.proc.pid!;
    child.proc.kill('SIGKILL');
    assert.equal(await child.exited, 'SIGKILL');
    assert.equal(isProcessAlive(pid), false);
    const holder = JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number };
    assert.equal(holder.pid, pid, 'the dead owner’s lock file is still there');
    const got = await tryLock(lockFile());
    assert.ok('lock' in got, 'reclaimed');
    assert.equal((JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number }).pid, process.pid);
    await got.lock.release();
  });

  it('a lock whose pid was reused by another process (start time differs) is reclaimed', async () => {
    await writeFile(lockFile(), JSON.stringify({ pid: process.pid, startTicks: (processStartTicks(process.pid) ?? 0) + 12345, acquiredAt: 1 }));
    const got = await tryLock(lockFile());
    assert.ok('lock' in got);
    await got.lock.release();
  });

  it('an unreadable lock: young means "being written", old is reclaimed', async () => {
    await writeFile(lockFile(), 'not json');
    const young = await tryLock(lockFile());
    assert.ok('holder' in young);
    assert.equal(young.holder.pid, 0);
    const old = new Date(Date.now() - 10_000);
    await utimes(lockFile(), old, old);
    const got = await tryLock(lockFile());
    assert.ok('lock' in got);
    await got.lock.release();
  });

  it('release leaves a lock someone else took over alone', async () => {
    const got = await tryLock(lockFile());
    assert.ok('lock' in got);
    await writeFile(lockFile(), JSON.stringify({ pid: 1, acquiredAt: 1 }));
    await got.lock.release();
    assert.equal((JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number }).pid, 1);
  });

  it('a directory that cannot be written gives LockError naming the path', async function () {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; a missing directory fails the same way.
      const path = join(tmp.path, 'missing', 'x.lock');
      const err = await rejectsLine(() => tryLock(path), LockError, `cannot create lock ${path}: ENOENT: no such file or directory, open '${path}' (check that the directory is writable)`);
      assert.equal(err.code, 'LOCK');
      return;
    }
    await mkdir(join(tmp.path, 'ro'));
    await chmod(join(tmp.path, 'ro'), 0o500);
    await assert.rejects(tryLock(join(tmp.path, 'ro', 'x.lock')), LockError);
  });

  it('many processes racing to reclaim one stale lock: exactly one gets it', async function () {
    this.timeout(60_000);
    const dead = spawnFixture('hold-lock.ts', [lockFile()]);
    children.push(dead);
    await dead.waitForLine((l) => l === 'locked');
    dead.proc.kill('SIGKILL');
    await dead.exited;
    const racers = Array.from({ length: 8 }, () => spawnFixture('race-lock.ts', [lockFile()]));
    children.push(...racers);
    await Promise.all(racers.map((c) => c.waitForLine((l) => l === 'ready')));
    for (const c of racers) c.proc.stdin!.write('go\n');
    const results = await Promise.all(racers.map((c) => c.waitForLine((l) => l !== 'ready')));
    // Before the reclaim guard, 2–5 of 8 processes came back 'locked'.
    assert.equal(results.filter((r) => r === 'locked').length, 1, results.join(', '));
  });

  const deadOwner = () => JSON.stringify({ pid: 2 ** 22 + 1, acquiredAt: 1 }); // above pid_max: never alive

  it('a reclaim guard left by a killed reclaimer: an old one is removed, a young one waited out', async function () {
    this.timeout(20_000);
    const guard = `${lockFile()}.reclaim`;
    await writeFile(lockFile(), deadOwner());
    await writeFile(guard, '');
    const old = new Date(Date.now() - 10_000);
    await utimes(guard, old, old);
    const first = await tryLock(lockFile());
    assert.ok('lock' in first);
    await first.lock.release();

    await writeFile(lockFile(), deadOwner());
    await writeFile(guard, '');
    const t0 = Date.now();
    const second = await tryLock(lockFile());
    assert.ok('lock' in second);
    assert.ok(Date.now() - t0 >= 1500, 'waited for the young guard to age out');
    await second.lock.release();
    await assert.rejects(stat(guard), { code: 'ENOENT' });
  });

  describe('withFileLock', () => {
    it('serialises concurrent callers in one process', async () => {
      let inside = 0;
      let maxInside = 0;
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          withFileLock(lockFile(), async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await new Promise((r) => setTimeout(r, 5));
            order.push(i);
            inside--;
          }),
        ),
      );
      assert.equal(maxInside, 1);
      assert.equal(order.length, 8);
      await assert.rejects(stat(lockFile()), { code: 'ENOENT' });
    });

    it('releases the lock when fn throws', async () => {
      await assert.rejects(withFileLock(lockFile(), () => Promise.reject(new Error('inner'))), /inner/);
      await assert.rejects(stat(lockFile()), { code: 'ENOENT' });
    });

    it('times out on a lock held by a live process, naming the holder', async () => {
      const child = spawnFixture('hold-lock.ts', [lockFile()]);
      children.push(child);
      await child.waitForLine((l) => l === 'locked');
      await rejectsLine(
        () => withFileLock(lockFile(), () => Promise.resolve(), 200),
        LockError,
        `timed out waiting for ${lockFile()} (held by pid ${child.proc.pid}) (another clawport command is writing this config; try again)`,
      );
    });
  });
});
