import { extend, optional, toJSONSchema, type core } from 'zod/mini';
import type { ClawportPlugin } from '../plugins/contract.js';
import { configSchema, type ConfigSchema } from './schema.js';

/** Top-level keys core validates itself ($schema, gateway, browser, …): never a plugin's section. */
export const CORE_CONFIG_KEYS: readonly string[] = Object.keys(configSchema.shape);

export function isCoreConfigKey(key: string): boolean {
  return CORE_CONFIG_KEYS.includes(key);
}

/**
 * The config schema with plugin sections merged in: each plugin's `config.key` is validated by its
 * own schema. Used by the gateway, `config validate` and (as JSON schema) the editor.
 * A section on a core key is skipped: it would replace core's validation of that section. The
 * loader refuses such plugins (checkPlugin); this guards plugins that reach here another way.
 */
export function mergedConfigSchema(plugins: readonly ClawportPlugin[]): ConfigSchema {
  const sections = plugins.flatMap((p) => (p.config !== undefined && !isCoreConfigKey(p.config.key) ? [p.config as { key: string; schema: core.$ZodType }] : []));
  if (sections.length === 0) return configSchema;
  const extra: Record<string, core.$ZodType> = {};
  for (const section of sections) extra[section.key] = optional(section.schema);
  return extend(configSchema, extra);
}

/** JSON Schema (draft 2020-12) for openclaw.json, for editors. */
export function configJsonSchema(plugins: readonly ClawportPlugin[] = []): Record<string, unknown> {
  const schema = toJSONSchema(mergedConfigSchema(plugins), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'openclaw.json', description: 'Clawport / OpenClaw gateway configuration (JSON5)' };
}
