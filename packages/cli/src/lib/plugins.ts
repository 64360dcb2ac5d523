import { dirname } from 'node:path';
import { builtinManifests, clawportPluginSpecs, openclawEngineManifest, type ClawportPlugin, type OpenClawConfig, type PluginError } from '@clawport/core';
import { loadPlugins, readEngineSettings } from '@clawport/core/node';

/**
 * The plugins whose claims make up an instance's footprint: the built-in manifests (browser, canvas;
 * declared in core so reading a footprint never loads puppeteer) plus `plugins.load` of that config.
 * Load failures come back as errors for the caller to print; they never hide the other plugins.
 */
export async function footprintPlugins(
  config: OpenClawConfig,
  configPath: string,
): Promise<{ plugins: ClawportPlugin[]; errors: PluginError[] }> {
  // Upstream's gateway claims its own span and runs none of our plugins. Its choice lives beside the
  // config (<state>/clawport.json); a broken file reads as the built-in engine here, `gateway` reports it.
  const settings = await readEngineSettings(dirname(configPath)).catch(() => undefined);
  if (settings?.engine === 'openclaw') return { plugins: [openclawEngineManifest], errors: [] };
  const specs = clawportPluginSpecs(config);
  if (specs.length === 0) return { plugins: [...builtinManifests], errors: [] };
  const loaded = await loadPlugins(specs, dirname(configPath));
  return { plugins: [...builtinManifests, ...loaded.plugins], errors: loaded.errors };
}
