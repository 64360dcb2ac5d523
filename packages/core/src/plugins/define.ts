import { ConfigError } from '../errors.js';
import type { OpenClawConfig } from '../config/schema.js';
import { formatKeyPath } from '../config/parse.js';
import type { ClawportPlugin, PluginConfigSection } from './contract.js';

/**
 * Identity helper for plugin authors: `export default definePlugin({ ... })` checks the object against
 * the contract where it is written (errors point at the plugin, not at the host's loader) and infers the
 * config section's type from its zod schema.
 */
export function definePlugin<C = unknown>(plugin: ClawportPlugin<C>): ClawportPlugin<C> {
  return plugin;
}

/**
 * A plugin's own config section (`config[section.key]`) parsed by its schema; `undefined` when absent.
 * A section that does not validate throws a ConfigError naming the key path: a reader (CLI, editor) may
 * hand plugins a config validated without their section's schema. Declare the section in a const of
 * its own and pass it both here and as the plugin's `config`, so its type is inferred.
 */
export function configSection<C>(section: PluginConfigSection<C>, config: OpenClawConfig): C | undefined {
  const raw = (config as Record<string, unknown>)[section.key];
  if (raw === undefined) return undefined;
  const result = section.schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const keyPath = formatKeyPath([section.key, ...issue.path]);
  throw new ConfigError(`${keyPath}: ${issue.message}`, 'fix the value, then run: clawport config validate', { keyPath });
}
