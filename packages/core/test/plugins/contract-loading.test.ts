import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLUGIN_API_VERSION, PluginError } from '../../src/index.js';
import { checkPlugin, loadPlugins } from '../../src/node/index.js';

// Real plugin files in a temp dir, loaded the way `plugins.load` entries are: relative to the config's dir.
const files: Record<string, string> = {
  'good.mjs': `export default { apiVersion: ${PLUGIN_API_VERSION}, id: 'good' };`,
  'named.mjs': `export const plugin = { apiVersion: ${PLUGIN_API_VERSION}, id: 'named' };`,
  'old.mjs': `export default { apiVersion: ${PLUGIN_API_VERSION + 1}, id: 'old' };`,
  'empty.mjs': `export const nothing = 1;`,
  'broken.mjs': `throw new Error('top-level kaput');`,
  'pkg/package.json': JSON.stringify({ name: 'pkg', type: 'module', main: './entry.js' }),
  'pkg/entry.js': `export default { apiVersion: ${PLUGIN_API_VERSION}, id: 'pkg' };`,
};

describe('plugin contract: loading plugins.load entries', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clawport-contract-'));
    await mkdir(join(dir, 'pkg'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('loads good plugins (default or `plugin` export) and reports each bad one by id or spec', async () => {
    const specs = ['./good.mjs', './old.mjs', './empty.mjs', './broken.mjs', './missing.mjs', join(dir, 'named.mjs'), './pkg'];
    const { plugins, errors } = await loadPlugins(specs, dir);
    assert.deepEqual(plugins.map((p) => p.id), ['good', 'named', 'pkg']);
    const lines = errors.map((e) => e.message);
    assert.ok(errors.every((e) => e instanceof PluginError));
    assert.deepEqual(errors.map((e) => e.pluginId), ['old', './empty.mjs', './broken.mjs', './missing.mjs']);
    assert.match(lines[0], new RegExp(`^plugin old: built for plugin API v${PLUGIN_API_VERSION + 1}, this Clawport speaks v${PLUGIN_API_VERSION}$`));
    assert.match(lines[1], /^plugin \.\/empty\.mjs: does not export a plugin/);
    assert.match(lines[2], /^plugin \.\/broken\.mjs: failed to load: top-level kaput$/);
    assert.match(lines[3], /^plugin \.\/missing\.mjs: /);
    for (const e of errors) assert.ok(!e.message.includes('\n'), 'one line each');
  });

  const shapes: Array<{ name: string; value: unknown; message: RegExp }> = [
    { name: 'undefined', value: undefined, message: /^plugin spec: does not export a plugin/ },
    { name: 'no id', value: { apiVersion: PLUGIN_API_VERSION }, message: /^plugin spec: does not export a plugin/ },
    { name: 'no apiVersion', value: { id: 'x' }, message: /^plugin x: built for plugin API vundefined/ },
  ];
  for (const c of shapes) {
    it(`checkPlugin refuses ${c.name}`, () => {
      assert.throws(() => checkPlugin(c.value, 'spec'), (e: unknown) => e instanceof PluginError && c.message.test(e.message));
    });
  }
});
