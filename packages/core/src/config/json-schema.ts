import { z } from 'zod';
import type { ClawportPlugin } from '../plugins/contract.js';
import { configSchema, type OpenClawConfig } from './schema.js';

/**
 * The config schema with plugin sections merged in: each plugin's `config.key` is validated by its
 * own schema. Used by the gateway, `config validate` and (as JSON schema) the editor.
 */
export function mergedConfigSchema(plugins: readonly ClawportPlugin[]): z.ZodType<OpenClawConfig> {
  const sections = plugins.filter((p) => p.config !== undefined);
  if (sections.length === 0) return configSchema;
  const extra: Record<string, z.ZodType> = {};
  for (const p of sections) { const section = p.config as { key: string; schema: z.ZodType }; extra[section.key] = section.schema.optional(); }
  return configSchema.extend(extra);
}

/** JSON Schema (draft 2020-12) for openclaw.json, for editors. */
export function configJsonSchema(plugins: readonly ClawportPlugin[] = []): Record<string, unknown> {
  const schema = z.toJSONSchema(mergedConfigSchema(plugins), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'openclaw.json', description: 'Clawport / OpenClaw gateway configuration (JSON5)' };
}
