import JSON5 from 'json5';
import { UsageError } from '../errors.js';

/** `gateway.port` → ['gateway', 'port']; refuses empty segments and prototype keys. */
export function splitKeyPath(keyPath: string): string[] {
  const parts = keyPath.split('.');
  if (keyPath.trim() === '' || parts.some((p) => p === '')) {
    throw new UsageError(`invalid config key ${JSON.stringify(keyPath)}`, 'use dotted keys like gateway.port');
  }
  if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) {
    throw new UsageError(`invalid config key ${JSON.stringify(keyPath)}`, 'that key name is reserved');
  }
  return parts;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Own keys only: `toString` or `valueOf` are not config keys, whatever Object.prototype says. */
const own = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

export function getKey(root: unknown, keyPath: string): unknown {
  let cur: unknown = root;
  for (const part of splitKeyPath(keyPath)) {
    if (!isObj(cur)) return undefined;
    cur = own(cur, part);
  }
  return cur;
}

/** Returns a copy of root with the key set; intermediate objects are created. */
export function setKey(root: Obj, keyPath: string, value: unknown): Obj {
  const parts = splitKeyPath(keyPath);
  const copy: Obj = structuredClone(root);
  let cur = copy;
  for (const part of parts.slice(0, -1)) {
    const next = own(cur, part);
    if (next === undefined) cur[part] = {};
    else if (!isObj(next)) {
      throw new UsageError(`cannot set ${keyPath}: ${part} is not an object`, `unset ${part} first`);
    }
    cur = cur[part] as Obj;
  }
  cur[parts[parts.length - 1]] = value;
  return copy;
}

/** Returns a copy of root without the key (and without objects the removal left empty). */
export function unsetKey(root: Obj, keyPath: string): Obj {
  const parts = splitKeyPath(keyPath);
  const copy: Obj = structuredClone(root);
  const trail: Obj[] = [copy];
  let cur = copy;
  for (const part of parts.slice(0, -1)) {
    const next = own(cur, part);
    if (!isObj(next)) return copy;
    cur = next;
    trail.push(cur);
  }
  delete cur[parts[parts.length - 1]];
  for (let i = trail.length - 1; i > 0; i--) {
    if (Object.keys(trail[i]).length === 0) delete trail[i - 1][parts[i - 1]];
  }
  return copy;
}

/** A value typed on the command line: JSON5 when it parses (18789, true, {a:1}), else the raw string. */
export function parseCliValue(raw: string): unknown {
  try {
    return JSON5.parse(raw);
  } catch {
    return raw;
  }
}
