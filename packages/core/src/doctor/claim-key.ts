import { resolveFootprint } from '../ports/footprint.js';
import { builtinManifests } from '../plugins/builtin.js';
import type { ClawportPlugin, DoctorInstance, ResolvedClaim } from '../plugins/contract.js';

/** The config key behind an explicit (base-independent) claim, and what to tell the user to do with it. */
export interface ClaimKey {
  keyPath: string;
  fix: string;
}

/** ` --profile P`, or nothing for the default instance. */
export function profileFlag(instance: DoctorInstance): string {
  return instance.profile === 'default' ? '' : ` --profile ${instance.profile}`;
}

/** Whether a third-party claim stays put when the base moves (an absolute port, or anchored on one). */
function isFixed(instance: DoctorInstance, claim: ResolvedClaim, plugin: ClawportPlugin): boolean {
  const plugins = [...builtinManifests.filter((m) => m.id !== plugin.id), plugin];
  try {
    const moved = resolveFootprint(instance.name, instance.base + 1, instance.config, plugins).footprint.claims.find((c) => c.id === claim.id);
    return moved !== undefined && moved.start === claim.start;
  } catch {
    return false;
  }
}

/**
 * When `claim` comes from an explicit port in the config, the key to change (a new base would not move
 * it): the key the claim declares (built-ins and plugins that set `key`), else, for a plugin claim that
 * stays put when the base moves, the plugin's config section. Undefined for claims that follow the
 * base: moving the base is the fix there.
 */
export function explicitClaimKey(instance: DoctorInstance, claim: ResolvedClaim, plugins: readonly ClawportPlugin[]): ClaimKey | undefined {
  const cli = `clawport${profileFlag(instance)}`;
  if (claim.owner === 'core') return undefined;
  if (claim.key !== undefined) {
    const key = claim.key;
    return { keyPath: key, fix: `change ${key} of ${instance.name} to a port outside every other footprint (${cli} config set ${key} N), or unset it to follow the base (${cli} config unset ${key})` };
  }
  if (builtinManifests.some((m) => m.id === claim.owner)) return undefined;
  const plugin = plugins.find((p) => p.id === claim.owner);
  if (!plugin || !isFixed(instance, claim, plugin)) return undefined;
  const section = plugin.config?.key ?? plugin.id;
  return {
    keyPath: section,
    fix: `change the explicit port of plugin ${plugin.id} (claim ${claim.id}) in the ${section} section of ${instance.name}'s config to a port outside every other footprint (${cli} config set ${section}.… N)`,
  };
}
