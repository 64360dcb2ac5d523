import {
  channelCredentials,
  ALLOW_SHARED_PLACES_ENV,
  ConfigError,
  PluginError,
  PortConflictError,
  footprintRefusal,
  formatRange,
  overlaps,
  resolveFootprint,
  chromesOf,
  sharedPlaces,
  type ClawportPlugin,
  type Footprint,
  type OpenClawConfig,
  type Place,
  type ResolvedClaim,
  type ResolvedInstance,
} from '@clawport/core';
import { canBind, listListeners, readHost, realPlace, type DiscoveredInstance, type Host, type Listener } from '@clawport/core/node';
import { describePortOwner } from './owner.js';

export interface PreflightResult {
  footprint: Footprint;
  /** Plugins whose claims could not be resolved: reported, not started. */
  pluginErrors: PluginError[];
  /** Every other instance on the host, as discovered (for owner names and plugins' otherFootprints). */
  others: DiscoveredInstance[];
  otherFootprints: Footprint[];
  /** Listeners inside a band (e.g. the CDP band) that the band's plugin will have to skip. */
  warnings: string[];
}

const SELF = '\u0000self';

/** What preflight reads from the host; tests inject fakes to run it without a disk or sockets. */
export interface PreflightProbes {
  readHost: (home: string) => Promise<Host>;
  /** The socket table, or undefined where it cannot be read (then canBind is asked per port). */
  listListeners: () => Promise<Listener[] | undefined>;
  canBind: (port: number) => Promise<boolean>;
  /** Who holds a port we need, for the refusal line (an instance by name, else pid and command). */
  portOwner: (port: number, others: readonly DiscoveredInstance[], inode?: number) => Promise<string>;
}

export const hostProbes: PreflightProbes = {
  readHost: (home) => readHost({ env: { OPENCLAW_HOME: home }, osHome: home }),
  listListeners,
  canBind: (port) => canBind(port),
  portOwner: describePortOwner,
};

export function conflict(instance: ResolvedInstance, claim: ResolvedClaim, port: number, owner: string, verb = 'is in use by'): PortConflictError {
  const flag = instance.profile === 'default' ? '' : ` --profile ${instance.profile}`;
  // A port set by a config key moves with that key, not with the base: name the key.
  const fix = claim.key
    ? `free the port, or set ${claim.key} to a free port: clawport${flag} config set ${claim.key} N`
    : `free the port, or move this instance: clawport${flag} ports suggest`;
  return new PortConflictError(
    `cannot start gateway ${instance.name}: port ${port} (${claim.role}${claim.key ? `, ${claim.key}` : ''}) ${verb} ${owner}`,
    fix,
    port,
    claim.role,
    owner,
  );
}

/** Whether another instance counts: it runs, or it has a usable config that says where it would run. */
function counts(d: DiscoveredInstance, self: ResolvedInstance): boolean {
  if (d.instance.stateDir === self.stateDir) return false;
  return d.runtime !== undefined || (d.configExists && d.configError === undefined);
}

/** The documented override: start anyway although another instance holds the same bot credential. */
export const ALLOW_SHARED_CREDENTIALS_ENV = 'OPENCLAW_ALLOW_SHARED_CREDENTIALS';

/**
 * Two gateways polling one bot token lose messages silently (upstream #43628), so a start that would
 * make a second poller is refused with one line naming the key and the other instance, never the value.
 */
function refuseSharedChannelCredentials(instance: ResolvedInstance, config: OpenClawConfig, others: readonly DiscoveredInstance[]): void {
  if (process.env[ALLOW_SHARED_CREDENTIALS_ENV] === '1') return;
  const mine = channelCredentials(config);
  if (mine.length === 0) return;
  for (const peer of others) {
    if (peer.configError) continue;
    const theirs = new Set(channelCredentials(peer.config).map((c) => c.fingerprint));
    const shared = mine.find((c) => theirs.has(c.fingerprint));
    if (!shared) continue;
    throw new ConfigError(
      `cannot start gateway ${instance.name}: ${shared.keyPath} is also used by instance ${peer.instance.name} (two gateways polling one bot lose messages)`,
      `give each instance its own bot, or start anyway with ${ALLOW_SHARED_CREDENTIALS_ENV}=1`,
      { file: instance.configPath, keyPath: shared.keyPath },
    );
  }
}

/**
 * Issue 14.3: two gateways writing one workspace, one writing into another's state dir, or two driving
 * one remote Chrome step on each other; refused in one line (core sharedPlaces) unless overridden.
 */
function refuseSharedPlaces(instance: ResolvedInstance, config: OpenClawConfig, others: readonly DiscoveredInstance[]): void {
  if (process.env[ALLOW_SHARED_PLACES_ENV] === '1') return;
  const mine = realPlace({ name: instance.name, stateDir: instance.stateDir, workspace: instance.workspace, chromes: chromesOf(config) });
  const theirs: Place[] = others.map((d) =>
    realPlace({ name: d.instance.name, stateDir: d.instance.stateDir, workspace: d.instance.workspace, chromes: d.configError ? [] : chromesOf(d.config) }),
  );
  const shared = sharedPlaces(mine, theirs)[0];
  if (!shared) return;
  throw new ConfigError(
    `cannot start gateway ${instance.name}: it would share ${shared.what} with instance ${shared.other} (${shared.keyPath})`,
    `give each instance its own (clawport doctor lists what is shared), or start anyway with ${ALLOW_SHARED_PLACES_ENV}=1`,
    { file: instance.configPath, keyPath: shared.keyPath },
  );
}

/** Where the base came from, as the key or flag a refusal names. */
function baseSourceKey(instance: ResolvedInstance): string {
  if (instance.sources.port === 'flag') return '--port';
  return instance.sources.port === 'env' ? 'OPENCLAW_GATEWAY_PORT' : 'gateway.port';
}

/**
 * Proves the whole footprint free before anything binds: our claims resolve (range errors are
 * fatal, a plugin's bad claims drop that plugin), do not overlap each other or any other instance's
 * footprint on the host, and no live listener holds a port we bind. Bands (the CDP band) are
 * allocated lazily by their plugin, so a listener inside one is a warning, not a refusal.
 */
export async function preflight(
  instance: ResolvedInstance,
  config: OpenClawConfig,
  plugins: readonly ClawportPlugin[],
  probes: PreflightProbes = hostProbes,
): Promise<PreflightResult> {
  const resolved = resolveFootprint(SELF, instance.port, config, plugins);
  // Core's own ports out of range: refused in the words status, ports, config set and doctor use.
  const refusal = footprintRefusal(resolved, instance.port, config, plugins, baseSourceKey(instance));
  if (refusal) throw refusal;
  const pluginErrors = resolved.errors.filter((e): e is PluginError => e instanceof PluginError);
  const mine = resolved.footprint;

  // Other instances as the host model knows them: their own claims (built-ins from their config,
  // third-party claims from their runtime file), never by running their plugins in this gateway.
  const host = (await probes.readHost(instance.home)).instances.filter((i) => i.discovered.instance.stateDir !== instance.stateDir);
  const others = host.map((i) => i.discovered);
  refuseSharedChannelCredentials(instance, config, others);
  refuseSharedPlaces(instance, config, others);
  const otherFootprints = host.flatMap((i) => (counts(i.discovered, instance) && i.footprint ? [i.footprint] : []));

  for (const o of overlaps([mine, ...otherFootprints])) {
    const ours = o.a.instance === SELF ? o.a : o.b.instance === SELF ? o.b : undefined;
    const theirs = ours === o.a ? o.b : o.a;
    if (!ours) continue;
    const owner = theirs.instance === SELF ? `this instance's ${theirs.claim.role} ${formatRange(theirs.claim.start, theirs.claim.end)}` : `instance ${theirs.instance} (${theirs.claim.role} ${formatRange(theirs.claim.start, theirs.claim.end)})`;
    throw conflict(instance, ours.claim, o.start, owner, theirs.instance === SELF ? 'overlaps' : 'is claimed by');
  }

  const warnings: string[] = [];
  const listeners = await probes.listListeners();
  for (const claim of mine.claims) {
    const band = claim.end > claim.start;
    if (listeners) {
      for (const l of listeners) {
        if (l.port < claim.start || l.port > claim.end) continue;
        if (band) {
          warnings.push(`port ${l.port} in ${claim.role} ${formatRange(claim.start, claim.end)} is in use; it will be skipped`);
          continue;
        }
        throw conflict(instance, claim, l.port, await probes.portOwner(l.port, others, l.inode));
      }
    } else if (!band && !(await probes.canBind(claim.start))) {
      throw conflict(instance, claim, claim.start, await probes.portOwner(claim.start, others));
    }
  }
  return {
    footprint: { instance: instance.name, base: instance.port, claims: mine.claims },
    pluginErrors,
    others,
    otherFootprints,
    warnings,
  };
}
