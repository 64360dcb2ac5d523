import { PluginError, PortRangeError } from '../errors.js';
import type { OpenClawConfig } from '../config/schema.js';
import type { ClawportPlugin } from '../plugins/contract.js';
import { footprintShape } from './allocate.js';
import { formatRange, resolveFootprint, type Footprint } from './footprint.js';
import { MAX_PORT } from './port-value.js';

/**
 * The footprint of `name` at `base`. A third-party plugin's bad claim (PluginError) goes to `warn` as
 * one line naming the plugin and the rest of the footprint stands: a broken plugin must not hide the
 * ports of core and the other plugins. Only core's own port problems (gateway, browser, canvas follow
 * from the config) are fatal: a PortRangeError naming where the base came from and the highest base
 * that fits (a base near 65535 pushes the CDP band past the last port).
 */
export function footprintAt(
  name: string,
  base: number,
  config: OpenClawConfig,
  plugins: readonly ClawportPlugin[],
  where: string,
  warn: (line: string) => void,
): Footprint {
  const { footprint, errors } = resolveFootprint(name, base, config, plugins);
  for (const e of errors) if (e instanceof PluginError) warn(e.toLine());
  const fatal = errors.filter((e) => !(e instanceof PluginError));
  if (fatal.length === 0) return footprint;
  // The shape of the footprint without the plugins that failed: their claims are dropped anyway.
  const failed = new Set(errors.flatMap((e) => (e instanceof PluginError ? [e.pluginId] : [])));
  const shape = footprintShape(
    config,
    plugins.filter((p) => !failed.has(p.id)),
  );
  const maxOffset = Math.max(0, ...shape.map((r) => r.end));
  const highest = MAX_PORT - maxOffset;
  if (base > highest) {
    throw new PortRangeError(
      `${where}: base ${base} puts its footprint at ${formatRange(base, base + maxOffset)}, past ${MAX_PORT}`,
      `choose a base ≤ ${highest}, or run: clawport ports suggest`,
      { keyPath: where },
    );
  }
  throw fatal[0];
}
