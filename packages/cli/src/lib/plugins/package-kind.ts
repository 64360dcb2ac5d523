import { UsageError } from '@clawport/core';

/** What a local package is, from its package.json alone (no code of it runs to decide). */
export type PluginPackageKind = { kind: 'cli' } | { kind: 'gateway'; name: string } | { kind: 'not-a-plugin'; why: string };

const GATEWAY_DEPS = ['@clawport/plugin-sdk', '@clawport/core'];

/**
 * `clawport plugins install` adds CLI commands (an oclif plugin: `oclif` in package.json). A gateway
 * plugin (built on the SDK: ports, services, RPC methods) is loaded by a profile's gateway through
 * `plugins.load` instead; oclif would fail on it with "plugin is invalid" and leave a link behind.
 */
export function pluginPackageKind(pkg: unknown): PluginPackageKind {
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) return { kind: 'not-a-plugin', why: 'its package.json is not a JSON object' };
  const p = pkg as Record<string, unknown>;
  if (p.oclif !== undefined && p.oclif !== null && typeof p.oclif === 'object') return { kind: 'cli' };
  const deps = ['dependencies', 'peerDependencies', 'devDependencies'].flatMap((k) => Object.keys((p[k] as Record<string, unknown> | undefined) ?? {}));
  const name = typeof p.name === 'string' ? p.name : '(unnamed)';
  if (GATEWAY_DEPS.some((d) => deps.includes(d))) return { kind: 'gateway', name };
  return { kind: 'not-a-plugin', why: `${name} has no "oclif" section in its package.json (a CLI plugin declares its commands there)` };
}

/** The refusal for a local package `plugins install` cannot take; undefined when it is a CLI plugin. */
export function installRefusal(dir: string, pkg: unknown): UsageError | undefined {
  if (pkg === undefined) return new UsageError(`plugins install: ${dir} has no readable package.json, so it is not a plugin package`, 'point it at a directory with a package.json');
  const k = pluginPackageKind(pkg);
  if (k.kind === 'cli') return undefined;
  if (k.kind === 'gateway') {
    return new UsageError(
      `plugins install: ${k.name} (${dir}) is a gateway plugin, not a CLI plugin; nothing was installed`,
      `a profile's gateway loads it: clawport --profile <name> config set plugins.load '["${dir}"]', then restart that gateway`,
    );
  }
  return new UsageError(`plugins install: ${dir} is not a CLI plugin: ${k.why}; nothing was installed`, 'a gateway plugin goes in a profile\'s plugins.load instead');
}
