import assert from 'node:assert/strict';
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
});
