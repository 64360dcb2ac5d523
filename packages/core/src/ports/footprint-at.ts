import { ClawportError, ConfigError, PluginError, PortRangeError } from '../errors.js';
import { getKey, setKey } from '../config/key-path.js';
import type { OpenClawConfig } from '../config/schema.js';
import type { ClawportPlugin } from '../plugins/contract.js';
import { footprintShape } from './allocate.js';
import { formatRange, resolveFootprint, type Footprint, type FootprintResult } from './footprint.js';
import { MAX_PORT } from './port-value.js';

/**
 * The footprint of `name` at `base`. A third-party plugin's bad claim (PluginError) goes to `warn` as
 * one line naming the plugin and the rest of the footprint stands: a broken plugin must not hide the
 * ports of core and the other plugins. Only core's own port problems (gateway, browser, canvas follow
 * from the config) are fatal: thrown as footprintRefusal words them.
 */
export function footprintAt(
  name: string,
  base: number,
  config: OpenClawConfig,
  plugins: readonly ClawportPlugin[],
  where: string,
  warn: (line: string) => void,
): Footprint {
  const resolved = resolveFootprint(name, base, config, plugins);
  for (const e of resolved.errors) if (e instanceof PluginError) warn(e.toLine());
  const refusal = footprintRefusal(resolved, base, config, plugins, where);
  if (refusal) throw refusal;
  return resolved.footprint;
}

/**
 * Why the gateway refuses this footprint, or undefined: core's own port problems in a resolved footprint
 * (third-party plugins' are not refusals). One wording for every place that judges it (gateway start,
 * config set, status, ports, ports check, doctor): a base near 65535 that pushes the CDP band past the
 * last port names where the base came from (`where`: `gateway.port`, `--port`, …) and the highest base
 * that fits; an explicit port (`browser.controlPort`) that does names its key and the highest value that fits.
 */
export function footprintRefusal(
  resolved: FootprintResult,
  base: number,
  config: OpenClawConfig,
  plugins: readonly ClawportPlugin[],
  where: string,
): ClawportError | undefined {
  const fatal = resolved.errors.filter((e) => !(e instanceof PluginError));
  if (fatal.length === 0) return undefined;
  // The shape of the footprint without the plugins that failed: their claims are dropped anyway.
  const failed = new Set(resolved.errors.flatMap((e) => (e instanceof PluginError ? [e.pluginId] : [])));
  const shape = footprintShape(
    config,
    plugins.filter((p) => !failed.has(p.id)),
  );
  const maxOffset = Math.max(0, ...shape.map((r) => r.end));
  const highest = MAX_PORT - maxOffset;
  if (base > highest) {
    return new PortRangeError(
      `${where}: base ${base} puts its footprint at ${formatRange(base, base + maxOffset)}, past ${MAX_PORT}`,
      `choose a base ≤ ${highest}, or run: clawport ports suggest`,
      { keyPath: where },
    );
  }
  const key = fatal[0] instanceof ConfigError ? fatal[0].location.keyPath : undefined;
  const value = key !== undefined ? getKey(config, key) : undefined;
  if (key !== undefined && typeof value === 'number') {
    const span = keySpan(config, plugins.filter((p) => !failed.has(p.id)), base, key);
    if (value + span > MAX_PORT) {
      return new PortRangeError(
        `${key}: ${value} puts its ports at ${formatRange(value, value + span)}, past ${MAX_PORT}`,
        `choose ${key} ≤ ${MAX_PORT - span}`,
        { keyPath: key },
      );
    }
  }
  return fatal[0];
}

/** How far past an explicit port's value the claims that move with it reach (the CDP band sits at browser.controlPort + 9..108). */
function keySpan(config: OpenClawConfig, plugins: readonly ClawportPlugin[], base: number, key: string): number {
  const probe = 20000;
  const at = (port: number) => resolveFootprint('shape', base, setKey(config, key, port), plugins).footprint.claims;
  const moved = new Map(at(probe + 1).map((c) => [c.id, c]));
  return Math.max(0, ...at(probe).filter((c) => moved.get(c.id)?.start === c.start + 1).map((c) => c.end - probe));
}
