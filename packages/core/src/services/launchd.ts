import { renderPlist } from './plist.js';
import type { ServiceSpec } from './spec.js';

export function launchAgentsDir(home: string): string {
  return `${home}/Library/LaunchAgents`;
}

/**
 * launchd reads no env files, so a tiny sh wrapper exports the 0600 env file (its $0) and execs the
 * gateway argv passed as "$@": nothing is re-quoted and no secret lands in the plist.
 */
export const LAUNCHD_ENV_WRAPPER = 'set -a; [ -r "$0" ] && . "$0"; set +a; exec "$@"';

export function renderLaunchdPlist(spec: ServiceSpec): string {
  return renderPlist({
    Label: spec.names.launchd,
    ProgramArguments: ['/bin/sh', '-c', LAUNCHD_ENV_WRAPPER, spec.envFile, ...spec.argv],
    EnvironmentVariables: { ...spec.env },
    WorkingDirectory: spec.stateDir,
    RunAtLoad: true,
    // Restart on any exit but a clean one; launchd paces restarts by ThrottleInterval (seconds).
    KeepAlive: { SuccessfulExit: false },
    ThrottleInterval: 5,
    ProcessType: 'Background',
    Umask: 63,
    StandardOutPath: spec.logFile,
    StandardErrorPath: spec.logFile,
  });
}
