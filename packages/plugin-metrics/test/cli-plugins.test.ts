import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliEnv, openclawWith } from './helpers/cli.js';

// A tiny oclif plugin (one command, no dependencies) on the local disk.
const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'oclif-hello');

/**
 * oclif keeps user plugins per user (XDG data dir), not per profile. Everything goes to a temp HOME, and
 * npm runs with `offline` so any attempt to reach a registry fails the test instead of silently working.
 */
async function isolatedEnv() {
  const home = await mkdtemp(join(tmpdir(), 'clawport-oclif-plugins-'));
  const env = cliEnv(home, {
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    npm_config_offline: 'true',
    npm_config_cache: join(home, 'npm-cache'),
    OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
  });
  return { home, env, run: (...args: string[]) => openclawWith(env, ...args) };
}

describe('clawport plugins (oclif plugin-plugins) from a local path, offline', function () {
  this.timeout(90_000); // spawns the real CLI several times per test
  let ctx: Awaited<ReturnType<typeof isolatedEnv>>;
  beforeEach(async () => {
    ctx = await isolatedEnv();
  });
  afterEach(() => rm(ctx.home, { recursive: true, force: true }));

  it('the command does not exist before', async () => {
    const r = await ctx.run('hello');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /command hello not found/);
  });

  it('`plugins link <path> --no-install` adds the plugin’s command; `plugins unlink` removes it', async () => {
    const link = await ctx.run('plugins', 'link', fixture, '--no-install');
    assert.equal(link.code, 0, link.stderr);
    const hello = await ctx.run('hello', '--name', 'linked');
    assert.equal(hello.code, 0, hello.stderr);
    assert.equal(hello.stdout, 'hello linked from openclaw-plugin-hello\n');
    assert.match((await ctx.run('plugins')).stdout, /^openclaw-plugin-hello 1\.0\.0 \(link\) /m);
    assert.equal((await ctx.run('plugins', 'unlink', 'openclaw-plugin-hello')).code, 0);
    assert.notEqual((await ctx.run('hello')).code, 0);
  });

  it('`plugins install file:<abs path>` installs without a registry; `plugins uninstall` removes it', async () => {
    const install = await ctx.run('plugins', 'install', `file:${fixture}`);
    assert.equal(install.code, 0, install.stdout + install.stderr);
    const data = JSON.parse(await readFile(join(ctx.home, 'data', 'clawport', 'package.json'), 'utf8')) as { oclif: { plugins: Array<{ name: string; type: string }> } };
    assert.deepEqual(data.oclif.plugins.map((p) => `${p.name} ${p.type}`), ['openclaw-plugin-hello user']);
    const hello = await ctx.run('hello');
    assert.equal(hello.stdout, 'hello clawport from openclaw-plugin-hello\n');
    assert.match((await ctx.run('plugins')).stdout, /^openclaw-plugin-hello 1\.0\.0$/m);
    assert.equal((await ctx.run('plugins', 'uninstall', 'openclaw-plugin-hello')).code, 0);
    assert.match((await ctx.run('hello')).stderr, /command hello not found/);
  });
});
