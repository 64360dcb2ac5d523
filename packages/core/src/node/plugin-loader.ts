import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORE_CONFIG_KEYS, isCoreConfigKey } from '../config/json-schema.js';
import { openclawEngineManifest } from '../engines/openclaw.js';
import { PluginError } from '../errors.js';
import { readEngineSettings } from './engine.js';
import { clawportPluginSpecs, type OpenClawConfig } from '../config/schema.js';
import { builtinManifests } from '../plugins/builtin.js';
import { PLUGIN_API_VERSION, type ClawportPlugin } from '../plugins/contract.js';

/** Checks the shape and the API version, so a plugin built for another version is refused clearly. */
export function checkPlugin(candidate: unknown, spec: string): ClawportPlugin {
  const p = candidate as Partial<ClawportPlugin> | undefined;
  if (!p || typeof p !== 'object' || typeof p.id !== 'string' || p.id === '') {
    throw new PluginError(spec, 'does not export a plugin (expected a default export with id and apiVersion)');
  }
  if (p.apiVersion !== PLUGIN_API_VERSION) {
    throw new PluginError(
      p.id,
      `built for plugin API v${String(p.apiVersion)}, this Clawport speaks v${PLUGIN_API_VERSION}`,
      'upgrade the plugin or Clawport so the versions match',
    );
  }
  // A section on a core key would replace core's validation of it (gateway.port unchecked, …).
  const key: unknown = (p.config as { key?: unknown } | undefined)?.key;
  if (typeof key === 'string' && isCoreConfigKey(key)) {
    throw new PluginError(
      p.id,
      `config.key "${key}" is a core section of openclaw.json (${CORE_CONFIG_KEYS.join(', ')})`,
      'give the plugin its own config key, e.g. its id',
    );
  }
  return p as ClawportPlugin;
}

/**
 * Loads one plugin named in `plugins.load`: a path (relative to the config file's directory) or a
 * package name (resolved from there, then from Clawport itself).
 */
export async function loadPlugin(spec: string, configDir: string): Promise<ClawportPlugin> {
  let url: string;
  try {
    // A path may name a plugin's package dir (its package.json main) as well as its entry file.
    if (spec.startsWith('.') || isAbsolute(spec)) url = pathToFileURL(createRequire(import.meta.url).resolve(resolve(configDir, spec))).href;
    else {
      let resolved: string;
      try {
        resolved = createRequire(resolve(configDir, 'noop.js')).resolve(spec);
      } catch {
        resolved = createRequire(import.meta.url).resolve(spec);
      }
      url = pathToFileURL(resolved).href;
    }
  } catch (e) {
    throw new PluginError(spec, `cannot be found: ${(e as Error).message.split('\n')[0]}`, 'check plugins.load in the config');
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new PluginError(spec, `failed to load: ${(e as Error).message.split('\n')[0]}`);
  }
  return checkPlugin(mod.default ?? mod.plugin, spec);
}

/** Loads every plugin; failures are collected (by id or spec), never thrown, so one bad plugin takes nothing down. */
export async function loadPlugins(
  specs: readonly string[],
  configDir: string,
): Promise<{ plugins: ClawportPlugin[]; errors: PluginError[] }> {
  const plugins: ClawportPlugin[] = [];
  const errors: PluginError[] = [];
  for (const spec of specs) {
    try {
      plugins.push(await loadPlugin(spec, configDir));
    } catch (e) {
      errors.push(e instanceof PluginError ? e : new PluginError(spec, (e as Error).message));
    }
  }
  return { plugins, errors };
}

/**
 * The plugins of the instance a command targets (`--profile P`, the env, or the gateway it starts):
 * the built-in manifests plus that config's `plugins.load`, imported, so their code runs. Only for the
 * instance the user named: host-wide reads use host/footprint.ts and never import another instance's
 * plugins. Load failures come back as errors for the caller to print; they never hide other plugins.
 */
export async function instancePlugins(
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
