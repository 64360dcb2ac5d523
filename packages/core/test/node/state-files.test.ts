import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from '../../src/node/fs-safe.js';
import { ensureToken, readToken, tokenPath } from '../../src/node/token.js';
import { readRuntime, removeRuntime, runtimePath, writeRuntime } from '../../src/node/runtime-file.js';
import { readRegistry, registerInstance, registryPath, unregisterInstance } from '../../src/node/registry.js';
import { isProcessAlive, processStartTicks } from '../../src/node/process-liveness.js';
import type { RuntimeInfo } from '../../src/runtime.js';
import { useTempDir } from '../helpers/temp.js';

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('node: state files (real temp dirs)', () => {
  const tmp = useTempDir();

  describe('fs-safe', () => {
    it('writeFileAtomic replaces the file, mode 0600 by default, no temp file left', async () => {
      const f = join(tmp.path, 'a.json');
      await writeFile(f, 'old', { mode: 0o644 });
      await writeFileAtomic(f, 'new');
      assert.equal(await readFile(f, 'utf8'), 'new');
      assert.equal(await mode(f), 0o600);
      await writeFileAtomic(f, 'public', 0o644);
      assert.equal(await mode(f), 0o644);
      assert.deepEqual(await readdir(tmp.path), ['a.json']);
    });

    it('writeFileAtomic into a missing directory fails and leaves nothing', async () => {
      await assert.rejects(writeFileAtomic(join(tmp.path, 'nope', 'a'), 'x'), { code: 'ENOENT' });
      assert.deepEqual(await readdir(tmp.path), []);
    });

    it('ensurePrivateDir creates parents and sets 0700 on every dir it created', async () => {
      const d = join(tmp.path, 'a', 'b');
      await ensurePrivateDir(d);
      assert.equal(await mode(d), 0o700);
      assert.equal(await mode(join(tmp.path, 'a')), 0o700);
    });

    it('ensurePrivateDir never changes the mode of a dir it did not create (a shared sticky dir stays 1777)', async () => {
      const shared = join(tmp.path, 'shared');
      await mkdir(shared);
      await chmod(shared, 0o1777);
      const before = (await stat(tmp.path)).mode;
      await ensurePrivateDir(shared);
      assert.equal((await stat(shared)).mode & 0o7777, 0o1777, 'existing target left alone');
      await ensurePrivateDir(join(shared, 'state', 'credentials'));
      assert.equal((await stat(shared)).mode & 0o7777, 0o1777, 'existing parent left alone');
      assert.equal((await stat(tmp.path)).mode, before, 'grandparent left alone');
      assert.equal(await mode(join(shared, 'state')), 0o700, 'created level is private');
      assert.equal(await mode(join(shared, 'state', 'credentials')), 0o700);
    });
  });

  describe('token', () => {
    it('ensureToken generates 256 bits once, 0600 under a 0700 credentials dir', async () => {
      const state = join(tmp.path, '.openclaw');
      assert.equal(await readToken(state), undefined);
      const token = await ensureToken(state);
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(await ensureToken(state), token, 'idempotent');
      assert.equal(await readToken(state), token);
      assert.equal(await mode(tokenPath(state)), 0o600);
      assert.equal(await mode(join(state, 'credentials')), 0o700);
      assert.equal(await mode(state), 0o700);
    });
  });

  describe('runtime file', () => {
    const info = (pid: number): RuntimeInfo => ({ pid, profile: 'default', name: 'default', version: '0', startedAt: 1, host: '127.0.0.1', base: 18789, ports: [], configPath: '/c', stateDir: tmp.path });

    it('reads back while its pid lives; 0600; removed cleanly', async () => {
      await writeRuntime(tmp.path, info(process.pid));
      assert.deepEqual(await readRuntime(tmp.path), info(process.pid));
      assert.equal(await mode(runtimePath(tmp.path)), 0o600);
      await removeRuntime(tmp.path);
      assert.equal(await readRuntime(tmp.path), undefined);
      await removeRuntime(tmp.path); // twice is harmless
    });

    it('a leftover of a dead gateway and a corrupt file read as undefined', async () => {
      const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
      await writeRuntime(tmp.path, info(dead));
      assert.equal(await readRuntime(tmp.path), undefined);
      await writeFile(runtimePath(tmp.path), '{ corrupt');
      assert.equal(await readRuntime(tmp.path), undefined);
    });
  });

  describe('registry', () => {
    it('register is idempotent, updates by state dir, unregister removes', async () => {
      const a = { name: 'a', stateDir: '/srv/a', configPath: '/srv/a/openclaw.json' };
      await registerInstance(tmp.path, a);
      await registerInstance(tmp.path, a);
      assert.deepEqual(await readRegistry(tmp.path), [a]);
      assert.equal(await mode(registryPath(tmp.path)), 0o600);
      const renamed = { ...a, name: 'alpha' };
      await registerInstance(tmp.path, renamed);
      await registerInstance(tmp.path, { name: 'b', stateDir: '/srv/b', configPath: '/srv/b.json' });
      assert.deepEqual((await readRegistry(tmp.path)).map((e) => e.name), ['alpha', 'b']);
      await unregisterInstance(tmp.path, '/srv/a');
      assert.deepEqual((await readRegistry(tmp.path)).map((e) => e.name), ['b']);
    });

    it('drops malformed entries', async () => {
      await registerInstance(tmp.path, { name: 'ok', stateDir: '/s', configPath: '/c' });
      await writeFile(registryPath(tmp.path), JSON.stringify({ instances: [{ name: 'ok', stateDir: '/s', configPath: '/c' }, { name: 1 }, null, { stateDir: '/x' }] }));
      assert.deepEqual(await readRegistry(tmp.path), [{ name: 'ok', stateDir: '/s', configPath: '/c' }]);
    });
  });

  describe('process liveness', () => {
    it('this process is alive, with its start time', () => {
      assert.equal(isProcessAlive(process.pid), true);
      assert.equal(isProcessAlive(process.pid, processStartTicks(process.pid)), true);
    });
    it('the same pid with another start time is a different process', () => {
      assert.equal(isProcessAlive(process.pid, (processStartTicks(process.pid) ?? 0) + 1), false);
    });
    it('exited and impossible pids are dead', () => {
      const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
      for (const pid of [dead, 0, -1, 1.5, Number.NaN]) assert.equal(isProcessAlive(pid), false, String(pid));
    });
  });
});
