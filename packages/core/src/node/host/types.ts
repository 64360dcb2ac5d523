import type { EngineId } from '../../engines/settings.js';
import type { ClawportError } from '../../errors.js';
import type { ClawportPlugin } from '../../plugins/contract.js';
import type { Footprint } from '../../ports/footprint.js';
import type { ServiceManifest } from '../../services/manifest.js';
import type { UpstreamServiceFile } from '../../services/upstream.js';
import type { FileFact, OwnerFileFact } from '../../doctor/facts.js';
import type { Incident } from '../../watch/incident.js';
import type { DiscoveredInstance } from '../discovery.js';
import type { Listener } from '../port-probe.js';

/**
 * Third-party plugins named in an instance's `plugins.load`, as a host-wide read sees them. Host-wide
 * reads never import them (another instance's config must not run code in this process): their claims
 * come from what the instance's running gateway published in its runtime file, or, while it is
 * stopped, they are "not loaded" and their ports are not part of the footprint.
 */
export interface PluginClaims {
  /** The `plugins.load` entries, as written. */
  specs: string[];
  /**
   * `runtime`: claims as the running gateway bound them. `not loaded`: stopped, claims unknown.
   * `loaded`: the command targets this instance (`--profile P`) and imported its plugins, as
   * `clawport --profile P gateway` would (withLoadedPlugins).
   */
  source: 'runtime' | 'not loaded' | 'loaded';
  /** With `loaded`: the plugins imported (built-ins first), for their doctor checks. */
  loaded?: readonly ClawportPlugin[];
}

/** The lock and runtime files' owners (pid from the file, alive by /proc start time). */
export interface InstanceOwners {
  lock?: OwnerFileFact;
  runtime?: OwnerFileFact;
}

/**
 * One instance on the host. `discovered` is discovery's answer (paths, config, runtime); the rest
 * is derived here once. Optional fields are facets, filled only when the caller asks for them
 * (`readHost({ facets: [...] })`), because each costs IO per instance.
 */
export interface HostInstance {
  discovered: DiscoveredInstance;
  /**
   * Core + built-in claims from the config, plus third-party claims from the runtime file (all from
   * the runtime file when the config broke after the gateway started). Undefined for a broken config
   * of a stopped instance.
   */
  footprint?: Footprint;
  /** What runs as this profile's gateway: its running gateway's, else `<state>/clawport.json`'s choice (default clawport); undefined when that file is unreadable. */
  engine?: EngineId;
  /** A stopped instance with a broken config: the base port written in it (read leniently), else the default. */
  configuredPort?: number;
  /**
   * A stopped instance with a broken config: what it would claim at `configuredPort` (core and
   * built-ins), for display. Never part of an overlap proof (the gateway refuses to start it anyway).
   */
  assumedFootprint?: Footprint;
  /** Third-party plugins (`plugins.load`) and where their claims came from. */
  plugins: PluginClaims;
  /** Core's own port problems (a base too high) and plugin errors the running gateway published. */
  problems: ClawportError[];
  /** Facet `owners`: who holds the lock and runtime files. */
  owners?: InstanceOwners;
  /** Facet `files`: permission bits of the files doctor judges (missing files left out). */
  files?: FileFact[];
  /** Facet `service`: the service `gateway install` recorded, or null when none is installed. */
  service?: ServiceManifest | null;
  /** Facet `service` too: upstream OpenClaw's own unit/agent for this profile (its marker), shown, never ours to manage. */
  upstreamServices?: UpstreamServiceFile[];
  /**
   * Facet `holders` (needs `listeners: true`): single ports of this instance's footprint (or assumed
   * footprint) that a live listener holds which is not this instance's own running gateway.
   */
  holders?: PortHolder[];
  /** Facet `incidents`: what this instance's watcher recorded (`<state>/watch/incidents.jsonl`, last record per id), oldest first. */
  incidents?: Incident[];
}

/** A process listening on a port an instance claims (and does not itself hold). */
export interface PortHolder {
  port: number;
  /** The claim's role (gateway, canvas, browser-control…). */
  role: string;
  /** From the socket table; undefined when this user cannot see the owner. */
  pid?: number;
  /** The process's command name (`python3`), when readable. */
  command?: string;
  /** True when the holder is some instance's running Clawport gateway (an overlap, not a foreign process). */
  gateway: boolean;
}

/** The facets a caller may ask for; see host/facets.ts for how each is read. */
export type HostFacet = 'owners' | 'files' | 'service' | 'holders' | 'incidents';

/** What `readHost` returns: every instance (broken ones included) plus host-wide facts asked for. */
export interface Host {
  /** Sorted by name, as discovery returns them. */
  instances: HostInstance[];
  /** Every TCP listener (one read of the socket table); present when `listeners: true` was asked and /proc is readable. */
  listeners?: Listener[];
}
