import { dirname } from 'node:path';
import { builtinManifests, type ClawportPlugin, type OpenClawConfig, type PluginError } from '@clawport/core';
import { loadPlugins } from '@clawport/core/node';

/**
 * The plugins whose claims make up an instance's footprint: the built-in manifests (browser, canvas;
 * declared in core so reading a footprint never loads puppeteer) plus `plugins.load` of that config.
 * Load failures come back as errors for the caller to print; they never hide the other plugins.
 */
export async function footprintPlugins(
  config: OpenClawConfig,
  configPath: string,
): Promise<{ plugins: ClawportPlugin[]; errors: PluginError[] }> {
  const specs = config.plugins?.load ?? [];
  if (specs.length === 0) return { plugins: [...builtinManifests], errors: [] };
  const loaded = await loadPlugins(specs, dirname(configPath));
  return { plugins: [...builtinManifests, ...loaded.plugins], errors: loaded.errors };
}
