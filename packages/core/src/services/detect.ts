import type { BackendId } from './backend.js';

/** What the node side observed about the host; detection itself is a pure function of these. */
export interface HostFacts {
  platform: string;
  /** `/proc/1/comm` on Linux: `systemd`, `init`, `node`, `sh`, … */
  pid1?: string;
  /** `/run/systemd/system` exists: the host was booted with systemd. */
  systemdBooted?: boolean;
  /** A user manager bus is reachable (`$XDG_RUNTIME_DIR/systemd/private` or `bus`). */
  userManager?: boolean;
  /** docker, podman, lxc… when detectable (/.dockerenv, /run/.containerenv, $container). */
  container?: string;
  wsl?: boolean;
  /** The CI variable was set; only used to explain the choice. */
  ci?: boolean;
}

export interface BackendChoice {
  backend: BackendId;
  /** One line saying why, printed by install/start/status. */
  reason: string;
  forced: boolean;
}

function where(facts: HostFacts): string {
  const bits = [facts.container && `in a ${facts.container} container`, facts.wsl && 'under WSL', facts.ci && 'in CI'].filter(Boolean);
  return bits.length ? ` (${bits.join(', ')})` : '';
}

/** Which service backend to use on this host, and why. `--backend` always wins. */
export function chooseBackend(facts: HostFacts, forced?: BackendId): BackendChoice {
  if (forced) return { backend: forced, reason: `forced with --backend ${forced}`, forced: true };
  const pick = (backend: BackendId, reason: string): BackendChoice => ({ backend, reason, forced: false });
  switch (facts.platform) {
    case 'darwin':
      return pick('launchd', 'macOS: launchd user agent');
    case 'win32':
      return pick('schtasks', 'Windows: scheduled task at logon');
    case 'linux': {
      if (facts.pid1 !== 'systemd' || !facts.systemdBooted) {
        return pick('supervisor', `no service manager: PID 1 is ${facts.pid1 ? `\`${facts.pid1}\`` : 'unknown'}, not systemd${where(facts)}; using the built-in supervisor`);
      }
      if (!facts.userManager) {
        return pick('supervisor', `systemd runs but no user manager is reachable (no XDG_RUNTIME_DIR session${where(facts)}); using the built-in supervisor — or run: loginctl enable-linger "$USER"`);
      }
      return pick('systemd', 'systemd is PID 1 and the user manager is reachable: systemd user unit');
    }
    default:
      return pick('supervisor', `no supported service manager on ${facts.platform}; using the built-in supervisor`);
  }
}
