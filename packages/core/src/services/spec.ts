import { isDefaultProfile } from '../profile-name.js';
import type { ResolvedInstance } from '../instance.js';
import { LOGS_DIR } from '../runtime.js';
import { serviceNames, type ServiceNames } from './backend.js';
import type { LocatedOpenclaw } from '../engines/openclaw.js';

/** How to start this package's gateway: absolute node binary and the CLI's `bin/run.js`. */
export interface GatewayCommand {
  node: string;
  script: string;
}

/** Everything service-related that is not a log lives here, so uninstall knows what is ours. */
export const SERVICE_DIR = 'service';
/** Secrets for the service (API keys…), KEY=VALUE lines, mode 0600; never inlined in a unit. */
export const SERVICE_ENV_FILE = `${SERVICE_DIR}/gateway.env`;
/** stdout+stderr of a gateway run by launchd, schtasks or the supervisor. */
export const SERVICE_LOG_FILE = `${LOGS_DIR}/gateway.service.log`;

/** The variables a service sets. Anything else starting with OPENCLAW_ in an installed file is stray. */
export const SERVICE_ENV_KEYS = [
  'OPENCLAW_PROFILE',
  'OPENCLAW_HOME',
  'OPENCLAW_STATE_DIR',
  'OPENCLAW_CONFIG_PATH',
  'OPENCLAW_GATEWAY_PORT',
  'PATH',
] as const;

/** What every backend renders from: one profile's gateway, fully explicit. */
export interface ServiceSpec {
  profile: string;
  name: string;
  names: ServiceNames;
  description: string;
  /** argv[0] is the node binary; the profile (unless default or custom paths) and port are explicit. */
  argv: string[];
  /** Insertion order is the rendered order. No secrets: those go to envFile. */
  env: Record<string, string>;
  envFile: string;
  home: string;
  stateDir: string;
  configPath: string;
  port: number;
  serviceDir: string;
  logsDir: string;
  logFile: string;
}

function join(...parts: string[]): string {
  return parts.join('/').replace(/\/+/g, '/');
}

function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** A PATH that finds this node and the system's basics, nothing from the installing shell. */
export function minimalPath(node: string): string {
  const dirs = [dirnameOf(node), '/usr/local/bin', '/usr/bin', '/bin'];
  return [...new Set(dirs)].join(':');
}

/**
 * The gateway's argv. `--profile` is explicit so the service cannot drift onto another instance through
 * inherited variables; instances with custom paths have no profile flag (it would override their paths),
 * their OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH carry them instead.
 */
export function gatewayArgv(instance: ResolvedInstance, command: GatewayCommand): string[] {
  const profileArgs = instance.custom || isDefaultProfile(instance.profile) ? [] : ['--profile', instance.profile];
  return [command.node, command.script, ...profileArgs, 'gateway', '--port', String(instance.port)];
}

export function serviceSpec(instance: ResolvedInstance, command: GatewayCommand): ServiceSpec {
  const names = serviceNames(instance);
  const label = names.suffix ? `profile ${names.suffix}` : 'default profile';
  return {
    profile: instance.profile,
    name: instance.name,
    names,
    description: `Clawport gateway (${label}, port ${instance.port})`,
    argv: gatewayArgv(instance, command),
    env: {
      OPENCLAW_PROFILE: instance.profile,
      OPENCLAW_HOME: instance.home,
      OPENCLAW_STATE_DIR: instance.stateDir,
      OPENCLAW_CONFIG_PATH: instance.configPath,
      OPENCLAW_GATEWAY_PORT: String(instance.port),
      PATH: minimalPath(command.node),
    },
    envFile: join(instance.stateDir, SERVICE_ENV_FILE),
    home: instance.home,
    stateDir: instance.stateDir,
    configPath: instance.configPath,
    port: instance.port,
    serviceDir: join(instance.stateDir, SERVICE_DIR),
    logsDir: join(instance.stateDir, LOGS_DIR),
    logFile: join(instance.stateDir, SERVICE_LOG_FILE),
  };
}

/** The variable that names upstream's command for a service of an openclaw-engine profile. */
export const UPSTREAM_COMMAND_VAR = 'CLAWPORT_OPENCLAW_COMMAND';

/**
 * A service of an openclaw-engine profile runs with the minimal PATH above, where the installing
 * shell's `openclaw` (npm -g under nvm, a cache…) and its Node 24 are not found: the service would
 * restart forever on "no openclaw command on PATH". So the upstream command found at install time is
 * named explicitly, and the Node that passed the version check comes first on PATH.
 */
export function withOpenclawEngine(spec: ServiceSpec, located: Pick<LocatedOpenclaw, 'command' | 'node'>): ServiceSpec {
  const path = [...new Set([dirnameOf(located.node), ...spec.env.PATH.split(':')])].join(':');
  return { ...spec, env: { ...spec.env, PATH: path, [UPSTREAM_COMMAND_VAR]: located.command } };
}
