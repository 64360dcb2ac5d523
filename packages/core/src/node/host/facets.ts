import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileFact, OwnerFileFact } from '../../doctor/facts.js';
import { LOCK_FILE, RUNTIME_FILE, TOKEN_FILE } from '../../runtime.js';
import { isProcessAlive } from '../process-liveness.js';
import { commandOf, listenerPid, type Listener } from '../port-probe.js';
import { readIncidents } from '../incidents.js';
import { readServiceManifest } from '../services/install.js';
import { findUpstreamServices } from '../services/upstream-file.js';
import type { HostFacet, HostInstance, PortHolder } from './types.js';

/** Host-wide facts a facet reader may use, read once per readHost. */
export interface FacetContext {
  /** The socket table, when `listeners: true` was asked and /proc is readable. */
  listeners?: readonly Listener[];
  /** Pids of every running gateway on the host (their runtime files). */
  gatewayPids: ReadonlySet<number>;
}

/**
 * Per-instance facts that cost IO, read only when a caller asks (`readHost({ facets })`). To add one:
 * an optional field on HostInstance (types.ts), its name in HostFacet, and a reader here that returns
 * the fields it fills. Readers get the instance as derived so far and never throw for one instance.
 */
export const FACETS: Record<HostFacet, (i: HostInstance, ctx: FacetContext) => Promise<Partial<HostInstance>>> = {
  owners: async (i) => ({ owners: await readOwners(i) }),
  files: async (i) => ({ files: await readFileModes(i) }),
  // An unreadable manifest reads as none here; doctor's service audit names it.
  service: async (i) => {
    const [manifest, upstream] = await Promise.all([readServiceManifest(i.discovered.instance).catch(() => undefined), findUpstreamServices(i.discovered.instance).catch(() => [])]);
    return { service: manifest ?? null, upstreamServices: upstream };
  },
  incidents: async (i) => ({ incidents: await readIncidents(i.discovered.instance.stateDir) }),
  holders: async (i, ctx) => (ctx.listeners ? { holders: await readHolders(i, ctx.listeners, ctx.gatewayPids) } : {}),
};

/**
 * Who listens on this instance's single ports (gateway, browser control, canvas…) other than its own
 * running gateway. Bands are skipped (their plugin steps over busy ports).
 */
async function readHolders(i: HostInstance, listeners: readonly Listener[], gatewayPids: ReadonlySet<number>): Promise<PortHolder[]> {
  const fp = i.footprint ?? i.assumedFootprint;
  if (!fp) return [];
  const own = i.discovered.runtime?.ports ?? [];
  const held: PortHolder[] = [];
  for (const claim of fp.claims) {
    if (claim.end > claim.start) continue;
    if (own.some((p) => claim.start >= p.start && claim.start <= p.end)) continue;
    const l = listeners.find((x) => x.port === claim.start);
    if (!l) continue;
    const pid = await listenerPid(l.port, l.inode);
    const command = pid === undefined ? undefined : await commandOf(pid);
    held.push({ port: l.port, role: claim.role, ...(pid !== undefined && { pid }), ...(command && { command }), gateway: pid !== undefined && gatewayPids.has(pid) });
  }
  return held;
}

async function readOwner(instance: string, kind: OwnerFileFact['kind'], path: string): Promise<OwnerFileFact | undefined> {
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; startTicks?: unknown };
    if (typeof v.pid !== 'number') return undefined;
    const startTicks = typeof v.startTicks === 'number' ? v.startTicks : undefined;
    return { instance, kind, path, pid: v.pid, alive: isProcessAlive(v.pid, startTicks) };
  } catch {
    return undefined;
  }
}

async function readOwners(i: HostInstance): Promise<HostInstance['owners']> {
  const { name, stateDir } = i.discovered.instance;
  const [lock, runtime] = await Promise.all([
    readOwner(name, 'lock', join(stateDir, LOCK_FILE)),
    readOwner(name, 'runtime', join(stateDir, RUNTIME_FILE)),
  ]);
  return { ...(lock && { lock }), ...(runtime && { runtime }) };
}

async function readFileModes(i: HostInstance): Promise<FileFact[]> {
  const { name, stateDir, configPath } = i.discovered.instance;
  const candidates: Array<[FileFact['kind'], string]> = [
    ['stateDir', stateDir],
    ['config', configPath],
    ['credentials', join(stateDir, 'credentials')],
    ['token', join(stateDir, TOKEN_FILE)],
  ];
  const facts = await Promise.all(
    candidates.map(async ([kind, path]): Promise<FileFact | undefined> => {
      const mode = await stat(path).then((s) => s.mode & 0o777, () => undefined);
      if (mode === undefined) return undefined;
      // A credentials dir symlinked between instances is shared although the state dirs differ.
      const real = kind === 'credentials' ? await realpath(path).catch(() => path) : path;
      return { instance: name, kind, path, mode, ...(real !== path ? { realPath: real } : {}) };
    }),
  );
  return facts.filter((f) => f !== undefined);
}
