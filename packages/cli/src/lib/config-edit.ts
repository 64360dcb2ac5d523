import {
  DEFAULT_BASE_PORT,
  DEV_BASE_PORT,
  mergedConfigSchema,
  validateConfig,
  type ClawportPlugin,
  type InstancePaths,
  type OpenClawConfig,
} from '@clawport/core';
import { readConfigFile, updateConfig } from '@clawport/core/node';
import { footprintAt } from './footprints.js';
import { footprintPlugins } from './plugins.js';

/**
 * Checks what the schema cannot: the footprint at the configured base must fit below 65535 and every
 * explicit port must be in range. Throws the first problem (PortRangeError, exit 78).
 */
export function checkFootprint(paths: InstancePaths, config: OpenClawConfig, plugins: readonly ClawportPlugin[], where: string): void {
  const base = config.gateway?.port ?? (paths.profile === 'dev' ? DEV_BASE_PORT : DEFAULT_BASE_PORT);
  footprintAt(paths.name, base, config, plugins, where);
}

/**
 * Changes a config atomically under its lock (core updateConfig): the change is validated against the
 * schema (plugin sections included) and the footprint before anything is written; the previous good
 * config is kept for `config rollback`.
 */
export async function editConfig(
  paths: InstancePaths,
  change: (raw: Record<string, unknown>) => Record<string, unknown>,
  where: string,
): Promise<OpenClawConfig> {
  const current = await readConfigFile(paths.configPath);
  const { plugins } = await footprintPlugins(current.config, paths.configPath);
  const schema = mergedConfigSchema(plugins);
  return updateConfig(
    paths.configPath,
    (raw) => {
      const next = change(raw);
      // No text: line numbers of the not-yet-written file would point at the wrong line of the real one.
      const config = validateConfig(next, paths.configPath, undefined, schema);
      checkFootprint(paths, config, plugins, where);
      return next;
    },
    schema,
  );
}
