import {
  type RuntimeInfo,
  MAX_PORT,
  PluginError,
  PortRangeError,
  footprintShape,
  formatRange,
  overlaps,
  resolveFootprint,
  type ClawportPlugin,
  type Footprint,
  type OpenClawConfig,
  type Overlap,
} from '@clawport/core';
import { listListeners, type Listener } from '@clawport/core/node';

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

/** Overlaps between `mine` and the other footprints (not among the others). */
export function overlapsWith(mine: Footprint, others: readonly Footprint[]): Overlap[] {
  return overlaps([mine, ...others]).filter((o) => o.a.instance === mine.instance || o.b.instance === mine.instance);
}

/**
 * Live listeners that are not this instance's own running gateway (its runtime file's ports): what a
 * new base must avoid when the instance is set up again or asks for a suggestion while it runs.
 */
export async function foreignListeners(runtime: RuntimeInfo | undefined): Promise<Listener[]> {
  const own = (port: number) => (runtime?.ports ?? []).some((p) => port >= p.start && port <= p.end);
  return ((await listListeners()) ?? []).filter((l) => !own(l.port));
}
