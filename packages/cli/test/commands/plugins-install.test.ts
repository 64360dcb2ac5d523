import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, type CliResult } from '../helpers/cli.js';

/** The fixture oclif plugin (one command, `clawport hello`; @oclif/core resolves from this repo). */
const FIXTURES = fileURLToPath(new URL('../../../plugin-metrics/test/fixtures', import.meta.url));

describe('plugins install <local dir>: installed from disk, offline, never as a GitHub repo', function () {
  this.timeout(60_000);
  let home: string;
  before(async () => {
    home = await makeHome();
  });
  after(async () => removeHome(home));

  /** Runs the CLI in the fixtures dir with every oclif/npm dir inside the temp home, offline. */
  const run = (args: string[]): Promise<CliResult> =>
    runCli(
      args,
      home,
      {
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_CONFIG_HOME: join(home, 'config'),
        npm_config_cache: join(home, 'npm-cache'),
        npm_config_offline: 'true',
      },
      FIXTURES,
    );

  it('./oclif-hello installs and its command runs', async () => {
    const install = await run(['plugins', 'install', './oclif-hello']);
    assert.equal(install.code, 0, install.stderr);
    assert.match(install.stderr + install.stdout, /file:.*oclif-hello/);
    const hello = await run(['hello']);
    assert.equal(hello.code, 0, hello.stderr);
    assert.match(hello.stdout, /hello .* from openclaw-plugin-hello/);
    const list = await run(['plugins']);
    assert.match(list.stdout, /openclaw-plugin-hello 1\.0\.0/);
    assert.equal((await run(['plugins', 'uninstall', 'openclaw-plugin-hello'])).code, 0);
  });

  it('a linked plugin prints no linked-ESM warning on every command', async () => {
    const link = await run(['plugins', 'link', join(FIXTURES, 'oclif-hello'), '--no-install']);
    assert.equal(link.code, 0, link.stderr);
    const hello = await run(['hello']);
    assert.equal(hello.code, 0, hello.stderr);
    assert.doesNotMatch(hello.stderr, /linked|ESM/i);
    assert.equal((await run(['plugins', 'unlink', 'openclaw-plugin-hello'])).code, 0);
  });

  /** What oclif keeps of installed/linked plugins under the temp home (empty when nothing was left). */
  const leftovers = async (): Promise<string[]> => {
    const dir = join(home, 'data', 'clawport');
    const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    return names.filter((n) => !n.startsWith('node_modules/.') && n !== 'node_modules');
  };

  it('a gateway plugin (the metrics plugin) is refused in one line pointing at plugins.load; nothing is left behind', async () => {
    const metrics = fileURLToPath(new URL('../../../plugin-metrics', import.meta.url));
    const before = await leftovers();
    const r = await run(['plugins', 'install', metrics]);
    assert.equal(r.code, 2, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /@clawport\/plugin-metrics .* is a gateway plugin, not a CLI plugin; nothing was installed/);
    assert.match(lines[0], /config set plugins\.load/);
    assert.deepEqual(await leftovers(), before);
    assert.doesNotMatch((await run(['plugins'])).stdout, /plugin-metrics/);
  });

  it('a package that is neither kind, and a dir without package.json, are refused saying why (--json too)', async () => {
    const before = await leftovers();
    const plain = join(home, 'plain-lib');
    await mkdir(plain, { recursive: true });
    await writeFile(join(plain, 'package.json'), JSON.stringify({ name: 'plain-lib', version: '1.0.0' }));
    const r = await run(['plugins', 'install', plain]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /plain-lib has no "oclif" section in its package\.json/);
    const empty = join(home, 'empty-dir');
    await mkdir(empty, { recursive: true });
    const j = await run(['plugins', 'install', empty, '--json']);
    assert.equal(j.code, 2);
    assert.match((JSON.parse(j.stdout) as { error: { message: string } }).error.message, /has no readable package\.json/);
    assert.deepEqual(await leftovers(), before);
  });
});
