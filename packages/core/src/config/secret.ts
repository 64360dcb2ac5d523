import type { core } from 'zod/mini';
import { urlPasswords, type SecretHint } from '../redact.js';

/**
 * Secrets declared in a schema. A plugin author marks a field `secret(z.string())`; the one redaction
 * rule (redact.ts) then hides it in `config get/set`, the gateway's `config.*` answers and its logs,
 * whatever the field is called. The name rule stays as a safety net for fields nobody marked.
 */
// Global, not per module copy: a plugin marks its fields with the SDK's bundled copy of this module and
// the host reads them with its own.
const REGISTRY = Symbol.for('clawport.config.secretFields');
const secretFields: WeakSet<object> = ((globalThis as { [REGISTRY]?: WeakSet<object> })[REGISTRY] ??= new WeakSet<object>());

/** Marks a schema as holding a secret: `webhookUrl: secret(z.url()).optional()`. Returns the same schema. */
export function secret<T extends core.$ZodType>(schema: T): T {
  secretFields.add(schema);
  return schema;
}

export function isMarkedSecret(schema: core.$ZodType): boolean {
  return secretFields.has(schema);
}

/** Where a schema marks secrets: key paths, '*' for any record key. Array items sit at their array's path. */
export function secretPaths(schema: core.$ZodType): string[][] {
  const out: string[][] = [];
  const seen = new Set<core.$ZodType>();
  const walk = (s: core.$ZodType, path: string[]): void => {
    if (seen.has(s) || path.length > 32) return;
    seen.add(s);
    if (secretFields.has(s)) {
      out.push(path);
      return;
    }
    const def = (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    const inner = (k: string) => def[k] as core.$ZodType | undefined;
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, core.$ZodType>)) walk(v, [...path, k]);
        break;
      case 'record':
        walk(inner('valueType')!, [...path, '*']);
        break;
      case 'array':
        walk(inner('element')!, path);
        break;
      case 'union':
        for (const o of def.options as core.$ZodType[]) walk(o, path);
        break;
      case 'intersection':
        walk(inner('left')!, path);
        walk(inner('right')!, path);
        break;
      case 'pipe':
        walk(inner('in')!, path);
        walk(inner('out')!, path);
        break;
      default:
        // optional, nullable, default, prefault, readonly, catch, nonoptional, …: one inner schema.
        if (inner('innerType')) walk(inner('innerType')!, path);
    }
    seen.delete(s);
  };
  walk(schema, []);
  return out;
}

const under = (path: readonly string[], marked: readonly string[]) =>
  path.length >= marked.length && marked.every((k, i) => k === '*' || k === path[i]);

/** The redaction hint for a config schema: a path is secret when it is at or under a marked field. */
export function schemaSecretHint(schema: core.$ZodType): SecretHint {
  const marked = secretPaths(schema);
  return (path) => marked.some((m) => under(path, m));
}

/**
 * Every string value at or under a marked field of a config, for scrubbing log text (a value logged
 * under another name, or inside a message, is still hidden). Short values (< 8 chars) are left out,
 * as scrubText does, so ordinary words stay readable.
 */
export function secretValues(config: unknown, schema: core.$ZodType): string[] {
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
  };
  const visit = (v: unknown, marked: readonly string[]): void => {
    if (marked.length === 0) return collect(v);
    if (Array.isArray(v)) return v.forEach((item) => visit(item, marked));
    if (v === null || typeof v !== 'object') return;
    const [head, ...rest] = marked;
    for (const [k, inner] of Object.entries(v)) if (head === '*' || head === k) visit(inner, rest);
  };
  for (const m of secretPaths(schema)) visit(config, m);
  // A URL's password is a secret wherever the URL sits (browser.cdpUrl, an upstream webhook).
  out.push(...urlPasswords(config));
  return [...new Set(out)].filter((s) => s.length >= 8);
}
