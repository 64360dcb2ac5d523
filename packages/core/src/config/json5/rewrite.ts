import JSON5 from 'json5';
import { setJson5, unsetJson5 } from './edit.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Equality of JSON values (what a config holds). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (!isObj(a) || !isObj(b)) return Number.isNaN(a) && Number.isNaN(b);
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** One key-level change: set `path` to `value`, or remove it. */
export type KeyChange = { path: string[]; value: unknown } | { path: string[]; remove: true };

/**
 * The smallest key-level changes that turn `before` into `after`: objects present on both sides are
 * compared key by key; anything else that differs (scalars, arrays, a type change) is set whole.
 */
export function configChanges(before: Obj, after: Obj, prefix: string[] = []): KeyChange[] {
  const changes: KeyChange[] = [];
  for (const key of Object.keys(before)) {
    if (after[key] === undefined && before[key] !== undefined) changes.push({ path: [...prefix, key], remove: true });
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = Object.hasOwn(before, key) ? before[key] : undefined;
    if (isObj(old) && isObj(value)) changes.push(...configChanges(old, value, [...prefix, key]));
    else if (old === undefined || !jsonEqual(old, value)) changes.push({ path: [...prefix, key], value });
  }
  return changes;
}

/**
 * Rewrites a JSON5 config text from `before` (what it parses to) to `after`, touching only the keys
 * that changed: comments, formatting and every other key stay byte-for-byte. Returns undefined when
 * the result would not parse back to `after` (the caller then writes the whole file).
 */
export function rewriteJson5(text: string, before: Obj, after: Obj): string | undefined {
  let out = text;
  for (const change of configChanges(before, after)) {
    out = 'remove' in change ? unsetJson5(out, change.path) : setJson5(out, change.path, change.value);
  }
  try {
    return jsonEqual(JSON5.parse(out), after) ? out : undefined;
  } catch {
    return undefined;
  }
}
