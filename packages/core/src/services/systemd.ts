import type { ServiceSpec } from './spec.js';
import { systemdEnvAssignment, systemdExecWord, systemdPath } from './systemd-syntax.js';

export interface SystemdOptions {
  /**
   * systemd 254+ grows the restart delay (RestartSteps=, RestartMaxDelaySec=). Older ones (Debian 12
   * ships 252) warn about unknown keys, so the exponential back-off is only rendered when asked.
   */
  exponentialBackoff?: boolean;
}

export function systemdUnitDir(home: string): string {
  return `${home}/.config/systemd/user`;
}

/**
 * A systemd user unit for one profile's gateway. Everything the gateway needs is explicit (argv and
 * Environment=); secrets come only from the 0600 EnvironmentFile=, whose leading `-` lets the unit
 * start before anyone has put a secret there. Exit 78 (EX_CONFIG) means "fix the config first", so
 * systemd must not restart on it.
 */
export function renderSystemdUnit(spec: ServiceSpec, options: SystemdOptions = {}): string {
  const env = Object.entries(spec.env).map(([k, v]) => `Environment=${systemdEnvAssignment(k, v)}`);
  const backoff = options.exponentialBackoff ? ['RestartSteps=6', 'RestartMaxDelaySec=60s'] : [];
  return [
    '# Written by `clawport gateway install`; `clawport doctor` audits it against the profile.',
    '[Unit]',
    `Description=${systemdPath(spec.description)}`,
    'After=network-online.target',
    'Wants=network-online.target',
    // Never give up on a crash loop; the delay below paces it.
    'StartLimitIntervalSec=0',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${spec.argv.map(systemdExecWord).join(' ')}`,
    `WorkingDirectory=${systemdPath(spec.stateDir)}`,
    ...env,
    `EnvironmentFile=-${systemdPath(spec.envFile)}`,
    'Restart=always',
    'RestartSec=2s',
    ...backoff,
    'RestartPreventExitStatus=78',
    'KillMode=mixed',
    'TimeoutStopSec=15s',
    'UMask=0077',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}
