import { ConfigError, PortConflictError } from '../errors.js';
import { gatewayConfigRefusal } from '../config/bind-auth.js';
import { fixTheEdit, validateConfig } from '../config/parse.js';
import { configSchema, type ConfigSchema, type OpenClawConfig } from '../config/schema.js';
import { openclawEngineManifest } from '../engines/openclaw.js';
import { configuredBase, instanceHome, workspaceOf, type Env, type InstancePaths } from '../instance.js';
import { builtinManifests } from '../plugins/builtin.js';
import type { ClawportPlugin } from '../plugins/contract.js';
import { footprintAt } from '../ports/footprint-at.js';
import { formatRange, resolveFootprint, type Footprint } from '../ports/footprint.js';
import { overlaps, type ClaimRef, type Overlap } from '../ports/overlap.js';
import { readEngineSettings } from './engine.js';
import { readHost } from './host/read-host.js';
import { realPath } from './fs-safe.js';
import { chromesOf, sharedPlaces, type Place } from '../doctor/shared-places.js';
import { channelCredentials } from '../doctor/shared-credentials.js';

/** The other instances on the host as an edit is judged against them. */
export interface OtherInstances {
  footprints: Footprint[];
  /** Instances whose footprint is unknown (broken config, not running): not part of the proof, said as a warning. */
  unchecked: string[];
  /** Where each other instance keeps its own things (workspace, state dir, pinned Chrome), real paths. */
  places?: Place[];
  /** The chat-channel credentials each other instance's config holds, as fingerprints (never the values). */
  credentials?: Array<{ name: string; fingerprints: string[] }>;
}

export interface ConfigEditInput {
  /** The instance whose config is edited. */
  paths: Pick<InstancePaths, 'name' | 'profile' | 'stateDir' | 'configPath'>;
  /** The config as it would be written (raw, plugin sections included). */
  next: unknown;
  /** The config as it is now (raw); an overlap it already had is not this edit's doing (a warning, not a refusal). */
  current?: unknown;
  /** What the edit names, for messages: `gateway.port`, or the keys a patch changes. */
  where: string;
  /** Where the other instances live. */
  env: Env;
  osHome: string;
  /** Schema with the instance's plugin sections merged in; core's when omitted. */
  schema?: ConfigSchema;
  /** The instance's plugins (built-ins first); when omitted, only what is declared in core (built-ins or the engine's span). */
  plugins?: readonly ClawportPlugin[];
  /** The other instances; discovered when omitted. */
  others?: OtherInstances;
}

export interface ConfigEditVerdict {
  config: OpenClawConfig;
  footprint: Footprint;
  /** Lines to show (a plugin's bad claim, an instance not checked, an overlap the edit did not create). */
  warnings: string[];
}

const SELF = '\u0000self';

/**
 * The ONE check for a config edit, run before anything is written by `config set|unset` and the
 * gateway's `config.patch` (both inside the config lock, so a refusal writes nothing): the schema,
 * what the gateway refuses at start (core gatewayConfigRefusal: nothing beyond loopback without auth,
 * no upstream-only bind/auth mode on the built-in engine), port ranges (the whole footprint below
 * 65535), and the footprint host-wide: the candidate's every claim, plugin claims included, against
 * every other instance's footprint by the same overlap proof `ports check` uses. A refusal is one
 * line naming the other instance and the config key that moves the colliding port.
 */
export async function checkConfigEdit(input: ConfigEditInput): Promise<ConfigEditVerdict> {
  const { paths, where } = input;
  const warnings: string[] = [];
  // No text: positions in a not-yet-written file would point at the wrong line of the real one.
  const config = validateConfig(input.next, paths.configPath, undefined, input.schema ?? configSchema, fixTheEdit);
  const engine = (await readEngineSettings(paths.stateDir).catch(() => undefined))?.engine;
  const refusal = gatewayConfigRefusal(config, { builtin: engine !== 'openclaw' });
  if (refusal) {
    // What the gateway would refuse to start on is never written.
    throw new ConfigError(`${where}: ${refusal.message}; nothing was written`, refusal.fix, { file: paths.configPath, keyPath: refusal.keyPath });
  }
  const plugins = input.plugins ?? (engine === 'openclaw' ? [openclawEngineManifest] : builtinManifests);
  const mine = footprintAt(SELF, configuredBase(paths.profile, config), config, plugins, where, (w) => warnings.push(w));
  const others = input.others ?? (await otherInstances(input.env, input.osHome, paths.stateDir));
  for (const name of others.unchecked) warnings.push(`instance ${name} was not checked for overlaps: its config is broken`);

  // The config as it is now, when it validates: what it already shared or overlapped is not this edit's doing.
  const current = currentConfig(input);
  refuseNewSharedPlaces(input, config, current, others.places ?? []);
  refuseNewSharedCredentials(input, config, current, others.credentials ?? []);

  const found = ownOverlaps(mine, others.footprints);
  if (found.length === 0) return { config, footprint: { ...mine, instance: paths.name }, warnings };
  const before = new Set(ownOverlaps(current && resolveFootprint(SELF, configuredBase(paths.profile, current), current, plugins).footprint, others.footprints).map(overlapKey));
  const fresh = found.filter((o) => !before.has(overlapKey(o)));
  for (const o of found) if (!fresh.includes(o)) warnings.push(`${paths.name}: ${describe(o.ours)} already overlaps ${describe(o.theirs)} (not changed by this edit)`);
  if (fresh.length === 0) return { config, footprint: { ...mine, instance: paths.name }, warnings };

  const first = fresh[0];
  const key = first.ours.claim.key ?? 'gateway.port';
  const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more overlap${fresh.length === 2 ? '' : 's'})` : '';
  const flag = paths.profile === 'default' ? '' : ` --profile ${paths.profile}`;
  throw new PortConflictError(
    `${where}: ${paths.name}'s ${describe(first.ours)} would overlap instance ${first.theirs.instance}'s ${describe(first.theirs)}${more}; nothing was written`,
    key === 'gateway.port'
      ? `choose a base whose whole footprint is free: clawport${flag} ports suggest`
      : `set ${key} to a port outside instance ${first.theirs.instance}'s footprint`,
    first.start,
    first.ours.claim.role,
    `instance ${first.theirs.instance}`,
  );
}

/**
 * Issue 14.3: an edit never makes this instance share another's workspace, write into another's state
 * dir, or pin the same remote Chrome. Only what the edit creates is refused: a place shared already
 * (doctor reports it) does not block an unrelated key.
 */
function refuseNewSharedPlaces(input: ConfigEditInput, config: OpenClawConfig, current: OpenClawConfig | undefined, others: readonly Place[]): void {
  if (others.length === 0) return;
  const home = instanceHome(input.env, input.osHome);
  const before = new Set((current ? sharedPlaces(placeOfConfig(input.paths, current, home), others) : []).map((s) => `${s.other}\0${s.what}`));
  const fresh = sharedPlaces(placeOfConfig(input.paths, config, home), others).filter((s) => !before.has(`${s.other}\0${s.what}`));
  if (fresh.length === 0) return;
  const first = fresh[0];
  throw new ConfigError(
    `${input.where}: ${input.paths.name} would share ${first.what} with instance ${first.other}; nothing was written`,
    first.kind === 'cdpUrl' ? `give each instance its own browser (or unset ${first.keyPath})` : `give ${input.paths.name} its own workspace (or unset agents.defaults.workspace for the default)`,
    { file: input.paths.configPath, keyPath: first.keyPath },
  );
}

/**
 * Two gateways polling one chat bot lose its messages (upstream #43628), and gateway start refuses the
 * second: an edit that would give this instance a bot credential another instance holds is refused
 * here, before it is written, naming the key and the other instance, never the value. A share already
 * in the file (doctor reports it) does not block an unrelated key.
 */
function refuseNewSharedCredentials(
  input: ConfigEditInput,
  config: OpenClawConfig,
  current: OpenClawConfig | undefined,
  others: NonNullable<OtherInstances['credentials']>,
): void {
  const mine = channelCredentials(config);
  if (mine.length === 0 || others.length === 0) return;
  const before = new Set(current ? channelCredentials(current).map((c) => c.fingerprint) : []);
  for (const c of mine) {
    if (before.has(c.fingerprint)) continue;
    const other = others.find((o) => o.fingerprints.includes(c.fingerprint));
    if (!other) continue;
    throw new ConfigError(
      `${input.where}: ${c.keyPath} is also used by instance ${other.name} (two gateways polling one bot lose messages); nothing was written`,
      'give each instance its own bot (clawport doctor lists what is shared)',
      { file: input.paths.configPath, keyPath: c.keyPath },
    );
  }
}

interface OwnOverlap extends Overlap {
  ours: ClaimRef;
  theirs: ClaimRef;
}

function ownOverlaps(mine: Footprint | undefined, others: readonly Footprint[]): OwnOverlap[] {
  if (!mine) return [];
  return overlaps([mine, ...others]).flatMap((o) => {
    if (o.a.instance === SELF && o.b.instance !== SELF) return [{ ...o, ours: o.a, theirs: o.b }];
    if (o.b.instance === SELF && o.a.instance !== SELF) return [{ ...o, ours: o.b, theirs: o.a }];
    return [];
  });
}

const overlapKey = (o: OwnOverlap) => `${o.theirs.instance}\0${o.theirs.claim.id}\0${o.ours.claim.id}`;

function describe(ref: ClaimRef): string {
  return `${ref.claim.role} ${formatRange(ref.claim.start, ref.claim.end)}${ref.claim.key ? ` (${ref.claim.key})` : ''}`;
}

/**
 * The config as it is now, when it validates. One that does not (or none yet): everything the edit
 * leads to counts as new.
 */
function currentConfig(input: ConfigEditInput): OpenClawConfig | undefined {
  if (input.current === undefined) return undefined;
  try {
    return validateConfig(input.current, input.paths.configPath, undefined, input.schema ?? configSchema);
  } catch {
    return undefined;
  }
}

/**
 * Every other instance that counts (it runs, or it has a config that says where it would run), from
 * the host read model: its footprint as known without running code its config names (issue #16.3):
 * core and the declared plugins from its config, plus the claims its running gateway published.
 */
export async function otherInstances(env: Env, osHome: string, stateDir: string): Promise<OtherInstances> {
  const host = await readHost({ env, osHome });
  const footprints: Footprint[] = [];
  const unchecked: string[] = [];
  const places: Place[] = [];
  const credentials: Array<{ name: string; fingerprints: string[] }> = [];
  for (const i of host.instances) {
    const d = i.discovered;
    if (d.instance.stateDir === stateDir || (!d.runtime && !d.configExists)) continue;
    if (i.footprint) footprints.push(i.footprint);
    else unchecked.push(d.instance.name);
    places.push(realPlace({ name: d.instance.name, stateDir: d.instance.stateDir, workspace: d.instance.workspace, chromes: d.configError ? [] : chromesOf(d.config) }));
    if (!d.configError) credentials.push({ name: d.instance.name, fingerprints: channelCredentials(d.config).map((c) => c.fingerprint) });
  }
  return { footprints, unchecked, places, credentials };
}

/** A Place with real paths: the IO half of core's sharedPlaces rule. */
export function realPlace(place: Place): Place {
  return { ...place, stateDir: realPath(place.stateDir), workspace: realPath(place.workspace) };
}

/** Where an instance's config puts it (its workspace from the config, else the default). */
function placeOfConfig(paths: ConfigEditInput['paths'], config: OpenClawConfig, home: string): Place {
  return realPlace({
    name: paths.name,
    stateDir: paths.stateDir,
    workspace: workspaceOf(paths.name, home, config),
    chromes: chromesOf(config),
  });
}
