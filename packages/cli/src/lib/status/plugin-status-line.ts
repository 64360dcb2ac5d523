import type { PluginServiceStatus } from '../shared/probe.js';
import { range } from '../shared/style.js';

/** At most this many of a snapshot's own fields on the line; `status --json` has them all. */
const MAX_FIELDS = 5;

const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * One readable line for a plugin service: `running · 127.0.0.1:18794 · requests 3 · url http://…`.
 * The snapshot's scalar fields come first as `key value`; nested values are left to `--json`.
 */
export function pluginLine(p: PluginServiceStatus): string {
  if (p.state === 'failed') return `failed: ${p.error ?? 'unknown error'}`;
  const parts: string[] = ['running'];
  if (p.ports && p.ports.length > 0) parts.push(p.ports.map((c) => range(c.start, c.end)).join(', '));
  const detail = p.detail;
  if (scalar(detail)) parts.push(String(detail));
  else if (detail !== null && typeof detail === 'object' && !Array.isArray(detail)) {
    const fields = Object.entries(detail).filter(([, v]) => scalar(v));
    parts.push(...fields.slice(0, MAX_FIELDS).map(([k, v]) => `${k} ${String(v)}`));
    if (fields.length > MAX_FIELDS) parts.push('…');
  }
  return parts.join(' · ');
}
