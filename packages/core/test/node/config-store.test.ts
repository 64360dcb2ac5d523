import assert from 'node:assert/strict';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ConfigError } from '../../src/errors.js';
import { setKey } from '../../src/config/key-path.js';
import { ROLLBACK_HISTORY, lastGoodPath, readConfigFile, rollbackConfig, updateConfig, writeConfig } from '../../src/node/config-store.js';
import { useTempDir } from '../helpers/temp.js';
import { rejectsLine } from '../helpers/expect-error.js';
import { reap, spawnFixture, type Child } from '../helpers/child.js';

const mode = async (p: string) => (await stat(p)).mode & 0o777;
const read = (p: string) => readFile(p, 'utf8');

describe('node/config-store', () => {
  const tmp = useTempDir();
  const cfg = () => join(tmp.path, '.openclaw-rescue', 'openclaw.json');

  it('updateConfig creates the dir 0700 and the file 0600, as JSON, with no temp or lock file left', async () => {
    const result = await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.port', 19789));
    assert.deepEqual(result, { gateway: { port: 19789 } });
    assert.equal(await mode(join(tmp.path, '.openclaw-rescue')), 0o700);
    assert.equal(await mode(cfg()), 0o600);
    assert.deepEqual(JSON.parse(await read(cfg())), { gateway: { port: 19789 } });
    assert.deepEqual(await readdir(join(tmp.path, '.openclaw-rescue')), ['openclaw.json'], 'no last-good for a new file, no temp, no lock');
  });

  it('tightens an existing 0644 file but leaves the mode of an existing dir alone (it may be shared)', async () => {
    await mkdir(join(tmp.path, '.openclaw-rescue'), { mode: 0o755 });
    await chmod(join(tmp.path, '.openclaw-rescue'), 0o755);
    await writeFile(cfg(), '{}', { mode: 0o644 });
    await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.bind', 'loopback'));
    assert.equal(await mode(join(tmp.path, '.openclaw-rescue')), 0o755);
    assert.equal(await mode(cfg()), 0o600);
    assert.equal(await mode(lastGoodPath(cfg())), 0o600, 'the copy of a 0644 original is 0600 too');
  });

  it('a config in a shared sticky dir (OPENCLAW_CONFIG_PATH=/tmp/x.json) keeps the dir 1777', async () => {
    const shared = join(tmp.path, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o1777);
    await updateConfig(join(shared, 'x.json'), (raw) => setKey(raw, 'gateway.port', 19789));
    assert.equal((await stat(shared)).mode & 0o7777, 0o1777);
    assert.equal(await mode(join(shared, 'x.json')), 0o600);
  });

  it('keeps the previous version as last-good (the original text, comments included)', async () => {
    await mkdir(join(tmp.path, '.openclaw-rescue'));
    const original = '// hand-written\n{ gateway: { port: 19789 } }\n';
    await writeFile(cfg(), original);
    await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.bind', 'lan'));
    assert.equal(await read(lastGoodPath(cfg())), original);
    assert.equal(await read(cfg()), '// hand-written\n{ gateway: { port: 19789, bind: "lan" } }\n', 'only the new key is written');
    await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.port', 19800));
    assert.equal(await read(lastGoodPath(cfg())), '// hand-written\n{ gateway: { port: 19789, bind: "lan" } }\n');
    assert.equal(await read(cfg()), '// hand-written\n{ gateway: { port: 19800, bind: "lan" } }\n');
  });

  it('a config written by upstream OpenClaw’s setup: a patch rewrites the edited key only, every other byte kept', async () => {
    await mkdir(join(tmp.path, '.openclaw-rescue'));
    const original = (await read(new URL('../../../../tools/fixtures/upstream/setup-2026.9.6.json', import.meta.url).pathname)).replaceAll('__HOME__', tmp.path);
    await writeFile(cfg(), original);
    await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.port', 19200));
    assert.equal(await read(cfg()), original.replace('"port": 19100,', '"port": 19200,'));
  });

  it('an invalid result writes nothing: file, last-good and directory unchanged', async () => {
    await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.port', 19789));
    await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.bind', 'lan'));
    const dir = join(tmp.path, '.openclaw-rescue');
    const before = { file: await read(cfg()), lastGood: await read(lastGoodPath(cfg())), entries: (await readdir(dir)).sort() };
    await rejectsLine(() => updateConfig(cfg(), (raw) => setKey(raw, 'gateway.port', 'x')), ConfigError, `${cfg()}:3: gateway.port: Invalid input: expected number, received string (nothing was written; give a number)`);
    await rejectsLine(() => updateConfig(cfg(), (raw) => setKey(raw, 'gateway.bind', 'wan')), ConfigError, `${cfg()}:4: gateway.bind: Invalid option: expected one of "loopback"|"lan"|"tailnet"|"auto"|"custom" (nothing was written; give one of the values above)`);
    assert.deepEqual({ file: await read(cfg()), lastGood: await read(lastGoodPath(cfg())), entries: (await readdir(dir)).sort() }, before);
  });

  it('a broken existing file is refused before anything is written', async () => {
    await mkdir(join(tmp.path, '.openclaw-rescue'));
    await writeFile(cfg(), '{ gateway: { port: 19789,, } }');
    await rejectsLine(
      () => updateConfig(cfg(), (raw) => setKey(raw, 'gateway.bind', 'lan')),
      ConfigError,
      `${cfg()}:1:26: not valid JSON5: invalid character ',' (fix the syntax, or restore the last good config with: clawport config rollback)`,
    );
    assert.equal(await read(cfg()), '{ gateway: { port: 19789,, } }');
    assert.deepEqual(await readdir(join(tmp.path, '.openclaw-rescue')), ['openclaw.json']);
  });

  it('readConfigFile: a missing file is an empty config; plugin sections are kept in raw', async () => {
    assert.deepEqual(await readConfigFile(cfg()), { config: {}, raw: {}, exists: false });
    await writeConfig(cfg(), { gateway: { port: 19789 }, metrics: { port: 9100 } });
    const loaded = await readConfigFile(cfg());
    assert.equal(loaded.exists, true);
    assert.deepEqual(loaded.raw, { gateway: { port: 19789 }, metrics: { port: 9100 } });
  });

  describe('rollbackConfig', () => {
    it('restores last-good and keeps the replaced config as .rolled-back', async () => {
      await writeConfig(cfg(), { gateway: { port: 19789 } });
      await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.port', 19800));
      const replaced = await read(cfg());
      const restored = await rollbackConfig(cfg());
      assert.deepEqual(restored, { config: { gateway: { port: 19789 } }, changed: true });
      assert.deepEqual(JSON.parse(await read(cfg())), { gateway: { port: 19789 } });
      assert.equal(await read(`${cfg()}.rolled-back`), replaced);
      assert.equal(await mode(cfg()), 0o600);
    });

    it('a second rollback keeps the config the first one replaced (short history, oldest dropped)', async () => {
      await writeConfig(cfg(), { gateway: { port: 19789 } });
      await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.port', 19800));
      const first = await read(cfg());
      await rollbackConfig(cfg());
      await writeFile(cfg(), '{ hand: "edited" }');
      await rollbackConfig(cfg());
      assert.equal(await read(`${cfg()}.rolled-back`), '{ hand: "edited" }', 'newest');
      assert.equal(await read(`${cfg()}.rolled-back.1`), first, 'the first rollback’s replaced config survives');
      for (let i = 0; i < ROLLBACK_HISTORY + 2; i++) {
        await writeFile(cfg(), `{ round: ${i} }`);
        await rollbackConfig(cfg());
      }
      const kept = (await readdir(join(tmp.path, '.openclaw-rescue'))).filter((f) => f.includes('.rolled-back')).sort();
      assert.equal(kept.length, ROLLBACK_HISTORY);
      assert.equal(await read(`${cfg()}.rolled-back`), `{ round: ${ROLLBACK_HISTORY + 1} }`);
      assert.equal(await read(`${cfg()}.rolled-back.${ROLLBACK_HISTORY - 1}`), `{ round: ${ROLLBACK_HISTORY - 3} }`);
      for (const f of kept) assert.equal(await mode(join(tmp.path, '.openclaw-rescue', f)), 0o600, f);
    });

    it('rolls back over a broken config (the rescue bot’s case)', async () => {
      await writeConfig(cfg(), { gateway: { port: 19789 } });
      await updateConfig(cfg(), (raw) => setKey(raw, 'gateway.port', 19800));
      await writeFile(cfg(), '{ broken');
      assert.deepEqual(await rollbackConfig(cfg()), { config: { gateway: { port: 19789 } }, changed: true });
      assert.equal(await read(`${cfg()}.rolled-back`), '{ broken');
    });

    // Found by the docs-only trial: rollback ×7 pushed copies of the restored config through the history
    // until the config the first rollback replaced was gone.
    it('rolling back again changes nothing: the config the first rollback replaced stays kept', async () => {
      await writeConfig(cfg(), { meta: { v: 1 } });
      await updateConfig(cfg(), (raw) => setKey(raw, 'meta.v', 2));
      await updateConfig(cfg(), (raw) => setKey(raw, 'meta.v', 3));
      const three = await read(cfg());
      assert.equal((await rollbackConfig(cfg())).changed, true);
      const two = await read(cfg());
      for (let i = 0; i < ROLLBACK_HISTORY + 2; i++) assert.deepEqual(await rollbackConfig(cfg()), { config: { meta: { v: 2 } }, changed: false });
      assert.equal(await read(cfg()), two);
      assert.equal(await read(`${cfg()}.rolled-back`), three);
      assert.ok(!(await readdir(join(tmp.path, '.openclaw-rescue'))).includes(`${basename(cfg())}.rolled-back.1`), 'no copies pushed through the history');
    });

    it('without a last-good config nothing changes', async () => {
      await writeConfig(cfg(), { gateway: { port: 19789 } });
      const before = await read(cfg());
      await rejectsLine(() => rollbackConfig(cfg()), ConfigError, `${cfg()}: no previous good config to roll back to (nothing was changed)`);
      assert.equal(await read(cfg()), before);
    });
  });

  describe('20 concurrent writers in separate processes', function () {
    this.timeout(60_000);
    const children: Child[] = [];
    afterEach(async () => {
      await Promise.all(children.splice(0).map(reap));
    });

    it('every update survives: all 20 keys present, last-good valid, no temp or lock file left', async () => {
      await writeConfig(cfg(), { gateway: { port: 19789 } });
      for (let i = 0; i < 20; i++) children.push(spawnFixture('config-writer.ts', [cfg(), `fleet.w${i}`, String(i)]));
      // Start them together so they really contend for the lock.
      await Promise.all(children.map((c) => c.waitForLine((l) => l === 'ready')));
      for (const c of children) c.proc.stdin!.end('go\n');
      const codes = await Promise.all(children.map((c) => c.exited));
      assert.deepEqual(codes, new Array(20).fill(0), children.map((c) => c.stderr()).join(''));
      const final = JSON.parse(await read(cfg())) as { gateway: unknown; fleet: Record<string, number> };
      assert.deepEqual(final.gateway, { port: 19789 });
      assert.deepEqual(final.fleet, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`w${i}`, i])));
      const lastGood = JSON.parse(await read(lastGoodPath(cfg()))) as { fleet: Record<string, number> };
      assert.equal(Object.keys(lastGood.fleet).length, 19, 'last-good is the state before the last write');
      assert.deepEqual((await readdir(join(tmp.path, '.openclaw-rescue'))).sort(), ['openclaw.json', 'openclaw.json.last-good']);
    });
  });
});
