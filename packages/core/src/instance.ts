import { UsageError } from './errors.js';
import type { GlobalFlags } from './argv.js';
import { DEFAULT_PROFILE, isDefaultProfile, parseProfileName, profileDirName } from './profile-name.js';
import { parsePort } from './ports/port-value.js';
import type { OpenClawConfig } from './config/schema.js';

/** Where a resolved value came from; `status` shows it so users can see why a value is what it is. */
export type Source = 'flag' | 'env' | 'config' | 'default' | 'runtime';

export type Env = Readonly<Record<string, string | undefined>>;

/** Default base port of the unnamed instance, and of `--dev`. */
export const DEFAULT_BASE_PORT = 18789;
export const DEV_BASE_PORT = 19001;

/** THE default base rule: the `dev` profile starts at 19001, every other at 18789 (where setup's allocator starts too). */
export function defaultBasePort(profile: string): number {
  return profile === 'dev' ? DEV_BASE_PORT : DEFAULT_BASE_PORT;
}

/** The base a config file asks for: its `gateway.port`, else the default base (no --port or env override of one run). */
export function configuredBase(profile: string, config: { gateway?: { port?: number } }): number {
  return config.gateway?.port ?? defaultBasePort(profile);
}

/**
 * THE runtime-over-config rule: a running gateway's runtime file says where it really runs (it may run
 * on `--port` with nothing in its config), so it beats env, config and default; only an explicit
 * `--port` on this command line beats it.
 */
export function withRuntimePort<T extends Pick<ResolvedInstance, 'port' | 'sources'>>(instance: T, runtime: { base: number } | undefined): T {
  if (!runtime || instance.sources.port === 'flag') return instance;
  return { ...instance, port: runtime.base, sources: { ...instance.sources, port: 'runtime' } };
}

/** The paths that isolate one instance: what `--profile` or the OPENCLAW_* variables select. */
export interface InstancePaths {
  /** `default` or the profile name. */
  profile: string;
  /** Display name: the profile, or for custom paths a name derived from the state dir. */
  name: string;
  stateDir: string;
  configPath: string;
  /** True when state dir or config path came from the environment rather than the profile's defaults. */
  custom: boolean;
  /** The home all `~` paths are relative to (OPENCLAW_HOME or the OS home). */
  home: string;
  sources: { profile: Source; stateDir: Source; configPath: Source };
  /** One line each, e.g. an inherited OPENCLAW_STATE_DIR ignored because --profile was given. */
  warnings: string[];
}

/** Paths plus what needs the config: workspace and base port. */
export interface ResolvedInstance extends InstancePaths {
  workspace: string;
  port: number;
  sources: InstancePaths['sources'] & { workspace: Source; port: Source };
}

function joinPath(...parts: string[]): string {
  return parts.join('/').replace(/\/+/g, '/');
}

/** `~` and `~/x` relative to the instance home; everything else as given. */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return joinPath(home, path.slice(2));
  return path;
}

/** OPENCLAW_HOME beats the OS home, so tests and containers can move every instance at once. */
export function instanceHome(env: Env, osHome: string): string {
  const fromEnv = env.OPENCLAW_HOME?.trim();
  return fromEnv ? expandHome(fromEnv, osHome) : osHome;
}

export function defaultStateDir(profile: string, home: string): string {
  return joinPath(home, profileDirName(profile));
}

/** An instance's workspace: `agents.defaults.workspace` (with `~` expanded), else the default. */
export function workspaceOf(name: string, home: string, config: Pick<OpenClawConfig, 'agents'> | undefined): string {
  const configured = config?.agents?.defaults?.workspace;
  return configured ? expandHome(configured, home) : defaultWorkspace(name, home);
}

export function defaultWorkspace(name: string, home: string): string {
  return joinPath(home, '.openclaw', isDefaultProfile(name) ? 'workspace' : `workspace-${name}`);
}

/** A name for an instance with custom paths: `.openclaw-main` → main, `/srv/bots/alpha` → alpha. */
export function nameFromStateDir(stateDir: string, home: string): string {
  const trimmed = stateDir.replace(/\/+$/, '');
  if (trimmed === defaultStateDir(DEFAULT_PROFILE, home)) return DEFAULT_PROFILE;
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  const candidate = base.startsWith('.openclaw-') ? base.slice('.openclaw-'.length) : base.replace(/^\.+/, '');
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(candidate) ? candidate : 'custom';
}

/**
 * Resolves which instance a command acts on. A flag on the command line beats inherited environment:
 * with `--profile P`, an OPENCLAW_STATE_DIR/CONFIG_PATH/PROFILE that points elsewhere is ignored and
 * named in a warning (commands that silently act on the wrong instance are a known bug class).
 * Values that agree with the profile (as a service unit sets them) are used silently.
 */
export function resolveInstancePaths(flags: Pick<GlobalFlags, 'profile'>, env: Env, osHome: string): InstancePaths {
  const home = instanceHome(env, osHome);
  const warnings: string[] = [];
  // Trailing slashes dropped: `~/.openclaw-rescue/` is the profile's own dir, not a custom one.
  const envPath = (key: string) => {
    const v = env[key]?.trim().replace(/(.)\/+$/, '$1');
    return v ? expandHome(v, home) : undefined;
  };

  if (flags.profile !== undefined) {
    const profile = flags.profile;
    const stateDir = defaultStateDir(profile, home);
    const configPath = joinPath(stateDir, 'openclaw.json');
    const inherited: Array<[string, string | undefined, string]> = [
      ['OPENCLAW_PROFILE', env.OPENCLAW_PROFILE?.trim() || undefined, profile],
      ['OPENCLAW_STATE_DIR', envPath('OPENCLAW_STATE_DIR'), stateDir],
      ['OPENCLAW_CONFIG_PATH', envPath('OPENCLAW_CONFIG_PATH'), configPath],
    ];
    for (const [key, value, expected] of inherited) {
      if (value !== undefined && value !== expected) {
        warnings.push(`ignoring inherited ${key}=${value}: --profile ${profile} uses ${expected}`);
      }
    }
    return {
      profile,
      name: profile,
      stateDir,
      configPath,
      custom: false,
      home,
      sources: { profile: 'flag', stateDir: 'default', configPath: 'default' },
      warnings,
    };
  }

  const envProfile = env.OPENCLAW_PROFILE?.trim();
  const profile = envProfile ? parseProfileName(envProfile, 'OPENCLAW_PROFILE') : DEFAULT_PROFILE;
  const profileSource: Source = envProfile ? 'env' : 'default';
  const envState = envPath('OPENCLAW_STATE_DIR');
  const stateDir = envState ?? defaultStateDir(profile, home);
  const envConfig = envPath('OPENCLAW_CONFIG_PATH');
  const configPath = envConfig ?? joinPath(stateDir, 'openclaw.json');
  if (envConfig !== undefined && !envConfig.startsWith('/')) {
    throw new UsageError(`OPENCLAW_CONFIG_PATH=${envConfig} is not an absolute path`, 'use an absolute path or ~/…');
  }
  if (envState !== undefined && !envState.startsWith('/')) {
    throw new UsageError(`OPENCLAW_STATE_DIR=${envState} is not an absolute path`, 'use an absolute path or ~/…');
  }
  const custom =
    stateDir !== defaultStateDir(profile, home) || configPath !== joinPath(defaultStateDir(profile, home), 'openclaw.json');
  return {
    profile,
    name: custom && isDefaultProfile(profile) ? nameFromStateDir(stateDir, home) : profile,
    stateDir,
    configPath,
    custom,
    home,
    sources: {
      profile: profileSource,
      stateDir: envState ? 'env' : 'default',
      configPath: envConfig ? 'env' : 'default',
    },
    warnings,
  };
}

/**
 * Adds what needs the config. Base port: `--port` > OPENCLAW_GATEWAY_PORT > `gateway.port` > default
 * (19001 for `--dev`). With `--profile`, an inherited OPENCLAW_GATEWAY_PORT that disagrees is ignored
 * with a warning, like the paths above.
 */
export function resolveInstance(
  paths: InstancePaths,
  config: OpenClawConfig | undefined,
  env: Env,
  portFlag?: string | number,
): ResolvedInstance {
  const warnings = [...paths.warnings];
  let port: number;
  let portSource: Source;
  const envPortRaw = env.OPENCLAW_GATEWAY_PORT?.trim() || undefined;
  const configPort = config?.gateway?.port;
  if (portFlag !== undefined) {
    port = parsePort(portFlag, '--port');
    portSource = 'flag';
  } else if (envPortRaw !== undefined && paths.sources.profile !== 'flag') {
    port = parsePort(envPortRaw, 'OPENCLAW_GATEWAY_PORT');
    portSource = 'env';
  } else if (configPort !== undefined) {
    port = configPort;
    portSource = 'config';
  } else {
    port = defaultBasePort(paths.profile);
    portSource = 'default';
  }
  if (envPortRaw !== undefined && paths.sources.profile === 'flag' && portSource !== 'flag' && envPortRaw !== String(port)) {
    warnings.push(`ignoring inherited OPENCLAW_GATEWAY_PORT=${envPortRaw}: --profile ${paths.profile} uses port ${port}`);
  }
  const configuredWorkspace = config?.agents?.defaults?.workspace;
  return {
    ...paths,
    workspace: workspaceOf(paths.name, paths.home, config),
    port,
    sources: { ...paths.sources, workspace: configuredWorkspace ? 'config' : 'default', port: portSource },
    warnings,
  };
}

/** The variables that select an instance. A process launched for one instance inherits none of them: its selection is explicit. */
export const INSTANCE_ENV_VARS = ['OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_GATEWAY_PORT'] as const;

/**
 * THE way a launched `clawport` command selects one instance (CLI `up`, the editor's launches): `--profile
 * P` for a named profile, nothing for the default one, the env form for custom paths; every inherited
 * selector is unset (`undefined`), so a launch never acts on an instance other than the one meant.
 */
export function instanceSelection(t: { profile: string; custom?: boolean; stateDir?: string; configPath?: string }): {
  args: string[];
  env: Record<string, string | undefined>;
} {
  const env: Record<string, string | undefined> = Object.fromEntries(INSTANCE_ENV_VARS.map((k) => [k, undefined]));
  if (t.custom && t.stateDir && t.configPath) return { args: [], env: { ...env, OPENCLAW_STATE_DIR: t.stateDir, OPENCLAW_CONFIG_PATH: t.configPath } };
  return { args: isDefaultProfile(t.profile) ? [] : ['--profile', t.profile], env };
}
