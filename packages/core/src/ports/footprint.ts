import { ClawportError, PluginError, PortRangeError } from '../errors.js';
import type { OpenClawConfig } from '../config/schema.js';
import type { ClaimSpec, ClawportPlugin, ResolvedClaim } from '../plugins/contract.js';
import { GATEWAY_CLAIM, builtinManifests } from '../plugins/builtin.js';
import { MAX_PORT, MIN_PORT } from './port-value.js';

/** Every port an instance may bind, as closed ranges with owner and bind scope. */
export interface Footprint {
  instance: string;
  base: number;
  claims: ResolvedClaim[];
}

export interface FootprintResult {
  footprint: Footprint;
  /**
   * Problems, each naming its plugin; that plugin's claims are left out of the footprint. They never name
   * the instance: a caller that reports across instances (doctor, ports check, status --all) prefixes it
   * once, and one that targets an instance (gateway start, config set, --profile P status) needs none.
   */
  errors: ClawportError[];
}

/** `18809` or `18800–18899`: how ranges appear in every message. */
export function formatRange(start: number, end: number): string {
  return start === end ? String(start) : `${start}–${end}`;
}

function isRelative(spec: ClaimSpec): spec is Extract<ClaimSpec, { from: string }> {
  return 'from' in spec;
}

/**
 * Resolves the claims of core (the base port) and every enabled plugin into concrete ranges.
 * Relative claims resolve against the base or another claim, in any declaration order.
 * A plugin whose claims are malformed or out of 1024–65535 is reported and its claims dropped; a
 * problem with the gateway's own port is reported as owner `core`.
 */
export function resolveFootprint(
  instance: string,
  base: number,
  config: OpenClawConfig,
  plugins: readonly ClawportPlugin[],
): FootprintResult {
  const errors: ClawportError[] = [];
  const owners: Array<{ owner: string; specs: ClaimSpec[] }> = [{ owner: 'core', specs: [GATEWAY_CLAIM] }];
  for (const plugin of plugins) {
    if (!plugin.claims) continue;
    // Third-party code: a throw in enabled() or claims() drops this plugin, never the whole footprint.
    let step = 'enabled()';
    try {
      if (plugin.enabled && !plugin.enabled(config)) continue;
      step = 'claims()';
      owners.push({ owner: plugin.id, specs: plugin.claims({ config, base }) });
    } catch (e) {
      errors.push(new PluginError(plugin.id, `${step} threw: ${(e as Error).message}`));
    }
  }

  const resolved = new Map<string, ResolvedClaim>();
  const pending: Array<{ owner: string; spec: ClaimSpec }> = [];
  const failedOwners = new Set<string>();
  for (const { owner, specs } of owners) {
    for (const spec of specs) pending.push({ owner, spec });
  }
  const seen = new Set<string>();
  for (const { owner, spec } of pending) {
    if (seen.has(spec.id)) {
      errors.push(ownerError(owner, `claim id ${spec.id} is declared twice`));
      failedOwners.add(owner);
    }
    seen.add(spec.id);
  }
  // Resolve in passes: a relative claim waits for its anchor. No progress in a pass = missing anchor or cycle.
  let queue = pending.filter((p) => !failedOwners.has(p.owner));
  while (queue.length > 0) {
    const next: typeof queue = [];
    for (const item of queue) {
      const { owner, spec } = item;
      let start: number;
      if (isRelative(spec)) {
        if (spec.from === 'base') start = base + spec.offset;
        else {
          const anchor = resolved.get(spec.from);
          if (!anchor) {
            next.push(item);
            continue;
          }
          start = anchor.start + spec.offset;
        }
      } else start = spec.port;
      const length = spec.length ?? 1;
      const end = start + length - 1;
      const problem = rangeProblem(spec, start, end, length);
      if (problem) {
        // Core's and the built-in plugins' ports follow from the config (base, explicit ports): out of range
        // is a config error there. A third-party plugin's bad claim is that plugin's fault.
        errors.push(
          owner === 'core' || isConfigDriven(owner)
            ? new PortRangeError(problem, 'choose a lower base port or another explicit port', spec.key ? { keyPath: spec.key } : {})
            : ownerError(owner, problem),
        );
        failedOwners.add(owner);
        continue;
      }
      resolved.set(spec.id, {
        id: spec.id,
        role: spec.role,
        owner,
        bind: spec.bind,
        start,
        end,
        ...(!isRelative(spec) && spec.within ? { within: spec.within } : {}),
        ...(typeof spec.key === 'string' && spec.key !== '' ? { key: spec.key } : {}),
      });
    }
    if (next.length === queue.length) {
      // One line per plugin: claims of an owner that already failed (or whose anchor was dropped with it) add nothing.
      for (const { owner, spec } of next) {
        if (failedOwners.has(owner)) continue;
        errors.push(ownerError(owner, `claim ${spec.id} is relative to unknown claim ${(spec as { from: string }).from}`));
        failedOwners.add(owner);
      }
      break;
    }
    queue = next;
  }
  const claims = [...resolved.values()].filter((c) => !failedOwners.has(c.owner));
  return { footprint: { instance, base, claims }, errors };
}

// A function, not a module-level Set: plugins/builtin imports this module (browser doctor), so
// builtinManifests may not be initialised yet while this module is evaluated.
const isConfigDriven = (owner: string) => builtinManifests.some((m) => m.id === owner);

function ownerError(owner: string, message: string): ClawportError {
  return owner === 'core' ? new PortRangeError(message) : new PluginError(owner, message, 'fix the plugin or its config section');
}

function rangeProblem(spec: ClaimSpec, start: number, end: number, length: number): string | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(length) || length < 1) {
    return `${spec.role} claim ${spec.id} is not a whole port range`;
  }
  if (start < MIN_PORT || end > MAX_PORT) {
    return `${spec.role} ${formatRange(start, end)} is outside ${MIN_PORT}–${MAX_PORT}`;
  }
  return undefined;
}

/** Like resolveFootprint, but any problem is thrown: for callers that must not go on with a partial footprint. */
export function footprint(
  instance: string,
  base: number,
  config: OpenClawConfig,
  plugins: readonly ClawportPlugin[],
): Footprint {
  const { footprint: fp, errors } = resolveFootprint(instance, base, config, plugins);
  if (errors.length > 0) throw errors[0];
  return fp;
}
