import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rewritePluginInstall } from '../../../../src/lib/plugins/install-args.js';

describe('lib/plugin-install-args: a local plugin dir becomes file:<abs path>', () => {
  let cwd: string;
  const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  before(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'clawport-install-args-'));
    await mkdir(join(cwd, 'hello'));
    await writeFile(join(cwd, 'notes.txt'), 'a file, not a plugin dir');
  });
  after(async () => rm(cwd, { recursive: true, force: true }));

  const cases: Array<[string, string[], (cwd: string) => string[]]> = [
    ['./dir', ['plugins', 'install', './hello'], (c) => ['plugins', 'install', `file:${c}/hello`]],
    ['bare dir name that exists', ['plugins', 'install', 'hello'], (c) => ['plugins', 'install', `file:${c}/hello`]],
    ['absolute dir', ['plugins', 'install', '<cwd>/hello'], (c) => ['plugins', 'install', `file:${c}/hello`]],
    ['alias add, flags kept', ['plugins', 'add', '--force', './hello'], (c) => ['plugins', 'add', '--force', `file:${c}/hello`]],
    ['colon form', ['plugins:install', './hello'], (c) => ['plugins:install', `file:${c}/hello`]],
    ['a package name stays', ['plugins', 'install', 'openclaw-plugin-x'], () => ['plugins', 'install', 'openclaw-plugin-x']],
    ['file: stays as given', ['plugins', 'install', 'file:./hello'], () => ['plugins', 'install', 'file:./hello']],
    ['other plugins commands untouched', ['plugins', 'link', './hello'], () => ['plugins', 'link', './hello']],
    ['other commands untouched', ['config', 'set', 'hello', './hello'], () => ['config', 'set', 'hello', './hello']],
    ['empty argv', [], () => []],
  ];
  for (const [name, argv, want] of cases) {
    it(name, () => {
      const input = argv.map((a) => a.replace('<cwd>', cwd));
      assert.deepEqual(rewritePluginInstall(input, cwd, isDir), want(cwd));
    });
  }

  // A path that is no directory would reach oclif as a GitHub org/repo: network, then a hang offline.
  for (const arg of ['./nope', '/does/not/exist', '../nope', '~/nope', './notes.txt']) {
    it(`a path that is no directory is refused: ${arg}`, () => {
      assert.throws(() => rewritePluginInstall(['plugins', 'install', arg], cwd, isDir), (e: Error & { exitCode?: number }) => {
        assert.equal(e.exitCode, 2);
        assert.match(e.message, new RegExp(`^plugins install: ${arg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: no such directory; nothing was installed$`));
        return true;
      });
    });
  }
});
