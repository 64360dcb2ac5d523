import type { Footprint } from '../../ports/footprint.js';
import type { Env } from '../../instance.js';
import { readSmallFile } from '../fs-safe.js';
import { writtenPort } from '../../config/parse.js';
import { builtinManifests } from '../../plugins/builtin.js';
import { openclawEngineManifest } from '../../engines/openclaw.js';
import { resolveFootprint } from '../../ports/footprint.js';
import { discoverInstances, type DiscoveredInstance } from '../discovery.js';
import { readEngineSettings } from '../engine.js';
import { listListeners } from '../port-probe.js';
import { FACETS, type FacetContext } from './facets.js';
import { declaredFootprint } from './footprint.js';
import type { Host, HostFacet, HostInstance } from './types.js';

export interface ReadHostOptions {
  env: Env;
  osHome: string;
  /** Per-instance facts that cost IO (lock/runtime owners, file modes, installed service). */
  facets?: readonly HostFacet[];
  /** Also read the kernel's socket table once (every TCP listener on the host). */
  listeners?: boolean;
}

/**
 * The one host read model: what instances exist on this host (discovery decides), each with its
 * config, runtime, footprint and third-party plugin claims as a host-wide read may know them
 * (host/footprint.ts: never by running another instance's plugin code), plus the facets asked for.
 * The CLI's host-wide commands, the editor and the gateway's preflight all read the host through this.
 */
export async function readHost(options: ReadHostOptions): Promise<Host> {
  const [found, listeners] = await Promise.all([
    discoverInstances({ env: options.env, osHome: options.osHome }),
    options.listeners ? listListeners() : Promise.resolve(undefined),
  ]);
  const facets = options.facets ?? [];
  const ctx: FacetContext = {
    listeners,
    gatewayPids: new Set(found.flatMap((d) => (d.runtime ? [d.runtime.pid] : []))),
  };
  const instances = await Promise.all(
    found.map(async (discovered): Promise<HostInstance> => {
      // What runs as this profile's gateway: its running gateway's engine, else <state>/clawport.json's
      // choice (a broken file reads as the built-in engine here; `gateway` reports it).
      const engine = discovered.runtime?.engine ?? (await readEngineSettings(discovered.instance.stateDir).catch(() => undefined))?.engine;
      const base: HostInstance = { discovered, ...(engine && { engine }), ...declaredFootprint(discovered, engine) };
      if (!base.footprint) Object.assign(base, assumed(discovered, engine));
      const filled = await Promise.all(facets.map((f) => FACETS[f](base, ctx)));
      return Object.assign(base, ...filled) as HostInstance;
    }),
  );
  return { instances, ...(listeners && { listeners }) };
}

/**
 * Re-reads facets of one instance of a host already read, after its footprint changed (its own plugins
 * loaded for `--profile P`): who holds its ports depends on what it claims.
 */
export async function refreshFacets(host: Host, i: HostInstance, facets: readonly HostFacet[]): Promise<HostInstance> {
  const ctx: FacetContext = {
    listeners: host.listeners,
    gatewayPids: new Set(host.instances.flatMap((x) => (x.discovered.runtime ? [x.discovered.runtime.pid] : []))),
  };
  const filled = await Promise.all(facets.map((f) => FACETS[f](i, ctx)));
  return Object.assign({ ...i }, ...filled) as HostInstance;
}

/**
 * A stopped instance with a broken config still asks for a port: the one written in it (read
 * leniently), else the default. What it would claim there is shown (the editor's rows), never proven.
 */
function assumed(d: DiscoveredInstance, engine: HostInstance['engine']): Pick<HostInstance, 'configuredPort' | 'assumedFootprint'> {
  let text: string | undefined;
  try {
    // The same guarded read as the config's own (a FIFO or /dev/zero in its place reads as nothing here).
    text = readSmallFile(d.instance.configPath, { config: true });
  } catch {
    text = undefined;
  }
  const configuredPort = (text !== undefined ? writtenPort(text) : undefined) ?? d.instance.port;
  const manifests = engine === 'openclaw' ? [openclawEngineManifest] : builtinManifests;
  return { configuredPort, assumedFootprint: resolveFootprint(d.instance.name, configuredPort, {}, manifests).footprint };
}

/** Instances whose config could be used (they have a footprint). */
export function usableInstances(host: Host): Array<HostInstance & { footprint: NonNullable<HostInstance['footprint']> }> {
  return host.instances.filter((i): i is HostInstance & { footprint: NonNullable<HostInstance['footprint']> } => i.footprint !== undefined);
}

/** The footprints of every usable instance except the one living in `stateDir`: what a base must not overlap. */
export function otherFootprints(host: Host, stateDir: string): Footprint[] {
  return usableInstances(host)
    .filter((i) => i.discovered.instance.stateDir !== stateDir)
    .map((i) => i.footprint);
}
