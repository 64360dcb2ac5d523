import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PluginError } from '../../src/errors.js';
import { checkPlugin, loadPlugin, loadPlugins } from '../../src/node/plugin-loader.js';
import { PLUGIN_API_VERSION } from '../../src/plugins/contract.js';
import { useTempDir } from '../helpers/temp.js';
import { rejectsLine, throwsLine } from '../helpers/expect-error.js';

const MISMATCH = `this Clawport speaks v${PLUGIN_API_VERSION} (upgrade the plugin or Clawport so the versions match)`;

describe('node/plugin-loader', () => {
  const tmp = useTempDir();
  const write = async (name: string, text: string) => {
    await mkdir(join(tmp.path, name, '..'), { recursive: true });
    await writeFile(join(tmp.path, name), text);
  };

  it('loads a default export by relative path', async () => {
    await write('good.mjs', `export default { apiVersion: ${PLUGIN_API_VERSION}, id: 'metrics', claims: () => [] };`);
    const p = await loadPlugin('./good.mjs', tmp.path);
    assert.equal(p.id, 'metrics');
  });

  it('loads a named `plugin` export by absolute path', async () => {
    await write('named.mjs', `export const plugin = { apiVersion: ${PLUGIN_API_VERSION}, id: 'named' };`);
    assert.equal((await loadPlugin(join(tmp.path, 'named.mjs'), '/')).id, 'named');
  });

  it('loads a package from node_modules next to the config', async () => {
    await write('node_modules/clawport-plugin-x/package.json', JSON.stringify({ name: 'clawport-plugin-x', type: 'module', main: 'index.js' }));
    await write('node_modules/clawport-plugin-x/index.js', `export default { apiVersion: ${PLUGIN_API_VERSION}, id: 'x' };`);
    assert.equal((await loadPlugin('clawport-plugin-x', tmp.path)).id, 'x');
  });

  it('a wrong apiVersion is refused with a clear PluginError naming the plugin', async () => {
    await write('old.mjs', `export default { apiVersion: 0, id: 'oldie' };`);
    const err = await rejectsLine(() => loadPlugin('./old.mjs', tmp.path), PluginError, `plugin oldie: built for plugin API v0, ${MISMATCH}`);
    assert.equal((err as PluginError).pluginId, 'oldie');
  });

  it('a missing apiVersion is refused too', () =>
    throwsLine(() => checkPlugin({ id: 'noversion' }, 'spec'), PluginError, `plugin noversion: built for plugin API vundefined, ${MISMATCH}`));

  const notPlugins: Array<[string, string]> = [
    ['a number', 'export default 42;'],
    ['no id', `export default { apiVersion: ${PLUGIN_API_VERSION} };`],
    ['an empty id', `export default { apiVersion: ${PLUGIN_API_VERSION}, id: '' };`],
    ['no default export', 'export const other = 1;'],
  ];
  for (const [name, text] of notPlugins) {
    it(`a module that exports no plugin (${name}) is named by its spec`, async () => {
      await write('np.mjs', text);
      await rejectsLine(() => loadPlugin('./np.mjs', tmp.path), PluginError, 'plugin ./np.mjs: does not export a plugin (expected a default export with id and apiVersion)');
    });
  }

  it('a missing module file', async () => {
    const abs = join(tmp.path, 'missing.mjs');
    const err = await rejectsLine(() => loadPlugin('./missing.mjs', tmp.path), PluginError, `plugin ./missing.mjs: cannot be found: Cannot find module '${abs}' (check plugins.load in the config)`);
    assert.equal((err as PluginError).pluginId, './missing.mjs');
  });

  it('a path may name a plugin’s package dir', async () => {
    await write('plugins/x/package.json', JSON.stringify({ name: 'x', type: 'module', main: 'main.js' }));
    await write('plugins/x/main.js', `export default { apiVersion: ${PLUGIN_API_VERSION}, id: 'dir-plugin' };`);
    assert.equal((await loadPlugin('./plugins/x', tmp.path)).id, 'dir-plugin');
  });

  it('a missing package', async () => {
    const err = await loadPlugin('clawport-plugin-nope', tmp.path).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof PluginError);
    assert.equal(err.toLine(), "plugin clawport-plugin-nope: cannot be found: Cannot find module 'clawport-plugin-nope' (check plugins.load in the config)");
  });

  it('a module that throws while loading', async () => {
    await write('boom.mjs', `throw new Error('boom at import');`);
    await rejectsLine(() => loadPlugin('./boom.mjs', tmp.path), PluginError, 'plugin ./boom.mjs: failed to load: boom at import');
  });

  const CORE_KEYS = '$schema, gateway, browser, canvasHost, agents, plugins, watch, logging';
  for (const key of ['gateway', 'browser', 'canvasHost', 'agents', 'plugins', 'watch', 'logging', '$schema']) {
    it(`a config section on the core key ${key} is refused, naming the plugin and the key`, () => {
      const candidate = { apiVersion: PLUGIN_API_VERSION, id: 'hijack', config: { key, schema: z.any() } };
      const err = throwsLine(() => checkPlugin(candidate, './hijack.mjs'), PluginError,
        `plugin hijack: config.key "${key}" is a core section of openclaw.json (${CORE_KEYS}) (give the plugin its own config key, e.g. its id)`);
      assert.equal((err as PluginError).pluginId, 'hijack');
    });
  }

  it('a config section on its own key passes, even one that merely starts like a core key', () => {
    for (const key of ['metrics', 'gateways', 'Gateway']) {
      assert.equal(checkPlugin({ apiVersion: PLUGIN_API_VERSION, id: 'ok', config: { key, schema: z.any() } }, 'spec').id, 'ok');
    }
  });

  it('loadPlugins reports a plugin that claims a core section and keeps the others', async () => {
    await write('good.mjs', `export default { apiVersion: ${PLUGIN_API_VERSION}, id: 'metrics', config: { key: 'metrics', schema: {} } };`);
    await write('hijack.mjs', `export default { apiVersion: ${PLUGIN_API_VERSION}, id: 'hijack', config: { key: 'gateway', schema: {} } };`);
    const { plugins, errors } = await loadPlugins(['./hijack.mjs', './good.mjs'], tmp.path);
    assert.deepEqual(plugins.map((p) => p.id), ['metrics']);
    assert.deepEqual(errors.map((e) => e.toLine()), [`plugin hijack: config.key "gateway" is a core section of openclaw.json (${CORE_KEYS}) (give the plugin its own config key, e.g. its id)`]);
  });

  it('loadPlugins keeps the good ones and collects every failure', async () => {
    await write('good.mjs', `export default { apiVersion: ${PLUGIN_API_VERSION}, id: 'metrics' };`);
    await write('old.mjs', `export default { apiVersion: 99, id: 'oldie' };`);
    const { plugins, errors } = await loadPlugins(['./good.mjs', './old.mjs', './missing.mjs'], tmp.path);
    assert.deepEqual(plugins.map((p) => p.id), ['metrics']);
    assert.deepEqual(errors.map((e) => e.pluginId), ['oldie', './missing.mjs']);
  });
});
