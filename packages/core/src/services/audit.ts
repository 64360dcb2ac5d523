import { ServiceError } from '../errors.js';
import type { ResolvedInstance } from '../instance.js';
import { isDefaultProfile } from '../profile-name.js';
import type { Finding } from '../plugins/contract.js';
import type { BackendId } from './backend.js';
import { argvFlagValue, readInstalledService } from './installed.js';
import { SERVICE_ENV_KEYS } from './spec.js';

/** Names that look like credentials; they belong in the 0600 env file, never in a service file. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE)/i;

export interface AuditInput {
  backend: BackendId;
  /** Path of the installed file, for messages and the editor's diagnostics. */
  file: string;
  text: string;
  /** The instance the file is supposed to run, as the CLI resolves it. */
  instance: ResolvedInstance;
}

/** The command that rewrites a drifted service for this instance. */
export function reinstallCommand(instance: Pick<ResolvedInstance, 'profile' | 'custom'>): string {
  const flag = instance.custom || isDefaultProfile(instance.profile) ? '' : ` --profile ${instance.profile}`;
  return `clawport${flag} gateway install --force (or: clawport doctor --fix)`;
}

/**
 * Compares what an installed service file runs with what its profile needs: profile flag, port, state
 * dir, config path, stray OPENCLAW_* variables, inlined secrets. Pure; one Finding per drift.
 */
export function auditServiceFile(input: AuditInput): Finding[] {
  const { instance, file } = input;
  const fix = reinstallCommand(instance);
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], check: string, message: string) =>
    findings.push({ severity, check, instance: instance.name, message: `${file}: ${message}`, fix, file });

  let installed;
  try {
    installed = readInstalledService(input.backend, input.text, file);
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    return [{ severity: 'error', check: 'service.unreadable', instance: instance.name, message: e.message, fix, file }];
  }
  const { argv, env } = installed;
  const gatewayAt = argv.indexOf('gateway');
  if (gatewayAt < 0) add('error', 'service.command', `does not run \`gateway\` (${argv.slice(1).join(' ') || 'no arguments'})`);

  const profileFlag = argvFlagValue(argv, '--profile');
  const wantsFlag = !instance.custom && !isDefaultProfile(instance.profile);
  if (wantsFlag && profileFlag === undefined) {
    add('error', 'service.profile', `runs the gateway without --profile ${instance.profile}, so inherited OPENCLAW_* variables could point it at another instance`);
  } else if (profileFlag !== undefined && profileFlag !== instance.profile) {
    add('error', 'service.profile', `runs --profile ${profileFlag} but is installed for profile ${instance.profile}`);
  }

  const portFlag = argvFlagValue(argv, '--port');
  if (portFlag === undefined) {
    add('error', 'service.port', `runs the gateway without --port (profile ${instance.name} uses ${instance.port})`);
  } else if (portFlag !== String(instance.port)) {
    add('error', 'service.port', `service runs port ${portFlag} but the config says ${instance.port}`);
  }
  const envPort = env.OPENCLAW_GATEWAY_PORT;
  if (envPort !== undefined && envPort !== String(instance.port) && envPort !== portFlag) {
    add('error', 'service.port', `sets OPENCLAW_GATEWAY_PORT=${envPort} but the config says ${instance.port}`);
  }

  const expectPath = (key: 'OPENCLAW_STATE_DIR' | 'OPENCLAW_CONFIG_PATH', want: string, check: string) => {
    const got = env[key];
    if (got === undefined) add('warning', check, `does not set ${key} (expected ${want})`);
    else if (got !== want) add('error', check, `sets ${key}=${got} but profile ${instance.name} uses ${want}`);
  };
  expectPath('OPENCLAW_STATE_DIR', instance.stateDir, 'service.stateDir');
  expectPath('OPENCLAW_CONFIG_PATH', instance.configPath, 'service.configPath');
  if (env.OPENCLAW_PROFILE !== undefined && env.OPENCLAW_PROFILE !== instance.profile) {
    add('error', 'service.profile', `sets OPENCLAW_PROFILE=${env.OPENCLAW_PROFILE} but is installed for profile ${instance.profile}`);
  }
  if (env.OPENCLAW_HOME !== undefined && env.OPENCLAW_HOME !== instance.home) {
    add('warning', 'service.home', `sets OPENCLAW_HOME=${env.OPENCLAW_HOME} but this instance lives under ${instance.home}`);
  }

  const known = new Set<string>(SERVICE_ENV_KEYS);
  for (const key of Object.keys(env)) {
    if (SECRET_NAME.test(key)) {
      add('error', 'service.env.secret', `inlines ${key}; secrets belong in the 0600 env file ${installed.envFiles[0] ?? '<state>/service/gateway.env'}`);
    } else if (key.startsWith('OPENCLAW_') && !known.has(key)) {
      add('warning', 'service.env.stray', `sets stray ${key}, which no service of ours writes`);
    }
  }
  return findings;
}
