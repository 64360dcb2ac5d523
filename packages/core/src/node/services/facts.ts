import { existsSync, readFileSync } from 'node:fs';
import type { HostFacts } from '../../services/detect.js';

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function containerKind(env: NodeJS.ProcessEnv): string | undefined {
  if (env.container) return env.container;
  if (existsSync('/.dockerenv')) return 'docker';
  if (existsSync('/run/.containerenv')) return 'podman';
  const cgroup = read('/proc/1/cgroup') ?? '';
  if (/docker|containerd|kubepods/.test(cgroup)) return 'docker';
  return undefined;
}

/** Observes the host for chooseBackend(); reads a few files, spawns nothing. */
export function gatherHostFacts(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): HostFacts {
  if (platform !== 'linux') return { platform, ci: Boolean(env.CI) };
  const runtimeDir = env.XDG_RUNTIME_DIR;
  return {
    platform,
    pid1: read('/proc/1/comm')?.trim(),
    systemdBooted: existsSync('/run/systemd/system'),
    userManager: runtimeDir !== undefined && (existsSync(`${runtimeDir}/systemd/private`) || existsSync(`${runtimeDir}/bus`)),
    container: containerKind(env),
    wsl: /microsoft/i.test(read('/proc/sys/kernel/osrelease') ?? ''),
    ci: Boolean(env.CI),
  };
}
