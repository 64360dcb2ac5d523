import { statSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ClawportError } from '../errors.js';
import type { ConfigSchema, OpenClawConfig } from '../config/schema.js';
import { DEFAULT_PROFILE } from '../profile-name.js';
import {
  instanceHome,
  resolveInstance,
  resolveInstancePaths,
  withRuntimePort,
  type Env,
  type InstancePaths,
  type ResolvedInstance,
} from '../instance.js';
import { LOCK_FILE, RUNTIME_FILE, type RuntimeInfo } from '../runtime.js';
import { SERVICE_MANIFEST_FILE } from '../services/manifest.js';
import { readConfigFile } from './config-store.js';
import { readRuntime } from './runtime-file.js';
import { readRegistry } from './registry.js';

export interface DiscoveredInstance {
  /** Paths, workspace and base port. The port comes from the runtime file when the gateway runs. */
  instance: ResolvedInstance;
  /** Validated config; {} when the file is missing or broken. */
  config: OpenClawConfig;
  configExists: boolean;
  /** Why the config could not be used: reported, never thrown, so one broken instance hides no other. */
  configError?: ClawportError;
  /** Present only while the gateway that wrote it is alive. */
  runtime?: RuntimeInfo;
  /** Found through the registry of custom-path instances rather than by directory name. */
  registered: boolean;
}

const PROFILE_DIR = /^\.openclaw-([A-Za-z0-9][A-Za-z0-9_-]{0,63})$/;

/*
 * Existence tests are synchronous stats: a host-wide read makes a few per instance, and over 1,000
 * profiles the promise API's thread-pool round trips cost more than the stats themselves.
 */
function stats(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A directory entry that is a directory, or a link to one (the dirent says so without a stat, unless it is a link). */
function isDir(entry: Dirent, path: string): boolean {
  return entry.isDirectory() || (entry.isSymbolicLink() && stats(path)?.isDirectory() === true);
}

function exists(path: string): boolean {
  return stats(path) !== undefined;
}

/**
 * THE rule for what counts as an instance on this host (discovery applies it to `~/.openclaw` and every
 * `~/.openclaw-*` dir; a registered custom path was recorded on purpose and always counts): its config
 * file, a runtime file, a `gateway.lock`, or an installed service record (`gateway install`'s manifest).
 * An empty or foreign `~/.openclaw-x` dir is none of these: it gets no default port, blocks no
 * `setup --port`, and shows no overlap in doctor or `ports check`.
 */
export function isInstanceDir(stateDir: string, configPath: string): boolean {
  return [configPath, join(stateDir, RUNTIME_FILE), join(stateDir, LOCK_FILE), join(stateDir, SERVICE_MANIFEST_FILE)].some(exists);
}

/** Reads one instance: config (errors kept), runtime, and the port it really uses. */
export async function inspectInstance(
  paths: InstancePaths,
  registered: boolean,
  schema?: ConfigSchema,
): Promise<DiscoveredInstance> {
  let config: OpenClawConfig = {};
  let configExists: boolean;
  let configError: ClawportError | undefined;
  try {
    const loaded = await readConfigFile(paths.configPath, schema);
    config = loaded.config;
    configExists = loaded.exists;
  } catch (e) {
    configExists = true;
    if (e instanceof ClawportError) configError = e;
    else throw e;
  }
  const runtime = await readRuntime(paths.stateDir);
  const instance = withRuntimePort(resolveInstance(paths, config, {}), runtime);
  return { instance, config, configExists, configError, runtime, registered };
}

/**
 * Every instance on the host: `~/.openclaw` and `~/.openclaw-*` profile dirs that are instances
 * (isInstanceDir), and registered custom-path instances. Sorted by name.
 * An instance is its state dir AND its config file: a custom-path instance that reuses a profile's
 * state dir with another config is a second instance in the same dir, and is listed as such so that
 * doctor's isolation check names the collision instead of one hiding the other.
 */
export async function discoverInstances(options: {
  env: Env;
  osHome: string;
  schema?: ConfigSchema;
}): Promise<DiscoveredInstance[]> {
  const home = instanceHome(options.env, options.osHome);
  const hostEnv: Env = { OPENCLAW_HOME: home };
  const found = new Map<string, { paths: InstancePaths; registered: boolean }>();
  const key = (p: { stateDir: string; configPath: string }) => `${p.stateDir}\0${p.configPath}`;

  for (const entry of await readRegistry(home)) {
    const paths = resolveInstancePaths({}, { ...hostEnv, OPENCLAW_STATE_DIR: entry.stateDir, OPENCLAW_CONFIG_PATH: entry.configPath }, home);
    found.set(key(paths), { paths: { ...paths, name: entry.name }, registered: true });
  }

  const defaultPaths = resolveInstancePaths({ profile: DEFAULT_PROFILE }, hostEnv, home);
  if (!found.has(key(defaultPaths))) {
    // A dir a registered custom-path instance uses as its state dir is the default instance too only
    // when its own config exists: then two instances really share it (doctor names them).
    const takenByCustom = [...found.values()].some((f) => f.paths.stateDir === defaultPaths.stateDir);
    if (takenByCustom ? exists(defaultPaths.configPath) : isInstanceDir(defaultPaths.stateDir, defaultPaths.configPath)) {
      found.set(key(defaultPaths), { paths: defaultPaths, registered: false });
    }
  }

  let entries: Dirent[];
  try {
    entries = await readdir(home, { withFileTypes: true });
  } catch {
    entries = [];
  }
  // Profile dirs are distinct dirs, so only a registered custom-path instance can share one.
  const customStateDirs = new Set([...found.values()].map((f) => f.paths.stateDir));
  for (const entry of entries) {
    const m = PROFILE_DIR.exec(entry.name);
    if (!m || !isDir(entry, join(home, entry.name))) continue;
    const paths = resolveInstancePaths({ profile: m[1] }, hostEnv, home);
    if (found.has(key(paths))) continue;
    // A dir a registered custom-path instance uses as its state dir is a profile too only when the
    // profile's own config exists: then two instances really share it (doctor names them).
    const takenByCustom = customStateDirs.has(paths.stateDir);
    if (takenByCustom ? !exists(paths.configPath) : !isInstanceDir(paths.stateDir, paths.configPath)) continue;
    found.set(key(paths), { paths, registered: false });
  }

  const instances = await Promise.all(
    [...found.values()].map(({ paths, registered }) => inspectInstance({ ...paths, warnings: [] }, registered, options.schema)),
  );
  return instances.sort((a, b) => (a.instance.name < b.instance.name ? -1 : a.instance.name > b.instance.name ? 1 : 0));
}
