import {
  ConfigError,
  configSchema,
  configuredBase,
  fixTheEdit,
  mergedConfigSchema,
  validateConfig,
  type ClawportPlugin,
  type InstancePaths,
  type OpenClawConfig,
} from '@clawport/core';
import { homedir } from 'node:os';
import { checkConfigEdit, instancePlugins, readConfigFile, updateConfig } from '@clawport/core/node';
import { footprintAt } from '../shared/footprints.js';

/**
 * Checks what the schema cannot: the footprint at the configured base must fit below 65535 and every
 * explicit port must be in range. Throws the first problem of core's own ports (PortRangeError, exit
 * 78); a third-party plugin's bad claim goes to `warn`.
 */
export function checkFootprint(
  paths: InstancePaths,
  config: OpenClawConfig,
  plugins: readonly ClawportPlugin[],
  where: string,
  warn: (line: string) => void,
): void {
  footprintAt(paths.name, configuredBase(paths.profile, config), config, plugins, where, warn);
}

/** `plugins.load` of a raw (not yet validated) config, as the key that decides which plugins to load. */
function loadSpecs(raw: Record<string, unknown>): string {
  return JSON.stringify((raw.plugins as { load?: unknown } | undefined)?.load ?? []);
}

/** A concurrent writer changed `plugins.load` between loading the plugins and taking the lock. */
class PluginsChanged extends Error {}

/**
 * Changes a config atomically under its lock (core updateConfig). The NEW config is judged by core's
 * one config-edit check (checkConfigEdit: schema merged from the plugins the NEW config loads, so a
 * change to `plugins.load` and to a section of that plugin are judged together; bind/auth; ranges;
 * the whole footprint against every other instance on the host) before anything is written; a
 * refusal writes nothing. The previous good config is kept for `config rollback`. A plugin that fails to load is a warning, not
 * a refusal: the gateway isolates failing plugins anyway, and the edit may be the one that removes it.
 */
export async function editConfig(
  paths: InstancePaths,
  change: (raw: Record<string, unknown>) => Record<string, unknown>,
  where: string,
  warn: (line: string) => void,
): Promise<OpenClawConfig> {
  for (let attempt = 0; ; attempt++) {
    const current = await readConfigFile(paths.configPath, configSchema);
    const preview = change(structuredClone(current.raw));
    const specs = loadSpecs(preview);
    // Core's part first: plugins.load must be a list of strings before anything is loaded from it.
    const core = validateConfig(preview, paths.configPath, undefined, configSchema, fixTheEdit);
    const { plugins, errors } = await instancePlugins(core, paths.configPath);
    const schema = mergedConfigSchema(plugins);
    try {
      // The file is read with core's schema only: a broken plugin section must stay fixable by `config set`.
      const written = await updateConfig(paths.configPath, async (raw) => {
        const next = change(structuredClone(raw));
        if (loadSpecs(next) !== specs) throw new PluginsChanged();
        const verdict = await checkConfigEdit({ paths, next, current: raw, where, env: process.env, osHome: homedir(), schema, plugins });
        for (const w of verdict.warnings) warn(w);
        return next;
      });
      for (const e of errors) warn(`${paths.configPath}: plugins.load: ${e.toLine()} (the gateway will run without it)`);
      return written;
    } catch (e) {
      if (!(e instanceof PluginsChanged)) throw e;
      if (attempt >= 2) throw new ConfigError(`${paths.configPath}: plugins.load keeps changing under this edit`, 'try again');
    }
  }
}
