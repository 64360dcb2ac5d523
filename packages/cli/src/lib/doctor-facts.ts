import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCK_FILE, PluginError, RUNTIME_FILE, TOKEN_FILE, type DoctorFacts, type DoctorFinding, type DoctorInstance, type FileFact, type OwnerFileFact } from '@clawport/core';
import { describePid, isProcessAlive, listenerPid, listListeners, type DiscoveredInstance } from '@clawport/core/node';
import type { HostInstance } from './footprints.js';

async function modeOf(path: string): Promise<number | undefined> {
  return stat(path).then((s) => s.mode & 0o777, () => undefined);
}

async function ownerOf(path: string): Promise<{ pid: number; startTicks?: number } | undefined> {
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; startTicks?: unknown };
    return typeof v.pid === 'number' ? { pid: v.pid, startTicks: typeof v.startTicks === 'number' ? v.startTicks : undefined } : undefined;
  } catch {
    return undefined;
  }
}

/** The instances as core's doctor checks see them. */
export function doctorInstances(instances: readonly HostInstance[]): DoctorInstance[] {
  return instances.map((i) => ({
    name: i.discovered.instance.name,
    profile: i.discovered.instance.profile,
    stateDir: i.discovered.instance.stateDir,
    configPath: i.discovered.instance.configPath,
    workspace: i.discovered.instance.workspace,
    base: i.discovered.instance.port,
    config: i.discovered.config,
    footprint: i.footprint.claims,
  }));
}

/**
 * Footprint problems as findings: a third-party plugin that failed to load or claimed bad ports is a
 * warning naming it (its claims are left out, the gateway runs without it); a problem with core's own
 * ports (gateway, browser, canvas) is an error.
 */
export function problemFindings(instances: readonly HostInstance[]): DoctorFinding[] {
  return instances.flatMap((i) =>
    i.problems.map((p): DoctorFinding => {
      const where = { instance: i.discovered.instance.name, file: i.discovered.instance.configPath };
      if (p instanceof PluginError) {
        return { severity: 'warning', check: 'plugin.problem', ...where, message: `${where.instance}: ${p.message}`, fix: p.suggestion ?? 'fix the plugin or remove it from plugins.load', keyPath: 'plugins.load' };
      }
      return { severity: 'error', check: 'ports.range', ...where, message: `${where.instance}: ${p.message}`, fix: p.suggestion ?? 'choose another base or explicit port' };
    }),
  );
}

/** Gathers what doctor judges: file modes, lock/runtime owners and whether they live, broken configs. */
export async function gatherFacts(all: readonly DiscoveredInstance[]): Promise<DoctorFacts> {
  const files: FileFact[] = [];
  const owners: OwnerFileFact[] = [];
  for (const d of all) {
    const { name, stateDir, configPath } = d.instance;
    const candidates: Array<[FileFact['kind'], string]> = [
      ['stateDir', stateDir],
      ['config', configPath],
      ['credentials', join(stateDir, 'credentials')],
      ['token', join(stateDir, TOKEN_FILE)],
    ];
    for (const [kind, path] of candidates) {
      const mode = await modeOf(path);
      if (mode === undefined) continue;
      // A credentials dir symlinked between instances is shared although the state dirs differ.
      const real = kind === 'credentials' ? await realpath(path).catch(() => path) : path;
      files.push({ instance: name, kind, path, mode, ...(real !== path ? { realPath: real } : {}) });
    }
    for (const [kind, file] of [['lock', LOCK_FILE], ['runtime', RUNTIME_FILE]] as const) {
      const path = join(stateDir, file);
      const owner = await ownerOf(path);
      if (owner) owners.push({ instance: name, kind, path, pid: owner.pid, alive: isProcessAlive(owner.pid, owner.startTicks) });
    }
  }
  const brokenConfigs = all
    .filter((d) => d.configError)
    .map((d) => ({ instance: d.instance.name, file: d.instance.configPath, message: d.configError!.toLine() }));
  return { files, owners, brokenConfigs };
}

/**
 * Fixed ports (gateway, browser control, canvas…) of each instance that a live listener holds which is
 * no instance's running gateway: the instance cannot start there, so doctor names the process. Bands
 * are skipped (their plugin steps over busy ports); a gateway's own ports are its own.
 */
type ForeignPort = NonNullable<DoctorFacts['foreignPorts']>[number];

export async function gatherForeignPorts(instances: readonly HostInstance[]): Promise<ForeignPort[]> {
  const listeners = await listListeners();
  if (!listeners) return [];
  const gatewayPids = new Set(instances.flatMap((i) => (i.discovered.runtime ? [i.discovered.runtime.pid] : [])));
  const held: ForeignPort[] = [];
  for (const i of instances) {
    const own = i.discovered.runtime?.ports ?? [];
    for (const claim of i.footprint.claims) {
      if (claim.end > claim.start) continue;
      if (own.some((p) => claim.start >= p.start && claim.start <= p.end)) continue;
      const l = listeners.find((x) => x.port === claim.start);
      if (!l) continue;
      const pid = await listenerPid(l.port, l.inode);
      if (pid !== undefined && gatewayPids.has(pid)) continue;
      held.push({ instance: i.discovered.instance.name, port: l.port, role: claim.role, holder: pid === undefined ? 'a process this user cannot see' : await describePid(pid) });
    }
  }
  return held;
}
