import { PluginError, type ClawportPlugin } from '@clawport/core';
import { checkPlugin } from '@clawport/core/node';

/**
 * Plugins handed to the gateway directly (not through loadPlugins) get the same checks: the API
 * version must match and an id may be used once. Refused ones are reported, never fatal.
 */
export function acceptPlugins(plugins: readonly ClawportPlugin[]): { plugins: ClawportPlugin[]; errors: PluginError[] } {
  const accepted: ClawportPlugin[] = [];
  const errors: PluginError[] = [];
  const ids = new Set<string>();
  for (const p of plugins) {
    try {
      const id: unknown = (p as { id?: unknown } | undefined)?.id;
      checkPlugin(p, typeof id === 'string' ? id : 'unnamed');
    } catch (e) {
      errors.push(e instanceof PluginError ? e : new PluginError('unnamed', (e as Error).message));
      continue;
    }
    if (ids.has(p.id)) {
      errors.push(new PluginError(p.id, 'is given twice; the second copy is ignored'));
      continue;
    }
    ids.add(p.id);
    accepted.push(p);
  }
  return { plugins: accepted, errors };
}
