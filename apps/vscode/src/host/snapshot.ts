import { stat } from 'node:fs/promises';
import { ConfigError, incidentsAbout, type ClawportError, type DoctorFacts, type Env, type Footprint } from '@clawport/core';
import { clientToken, doctorFacts, isListening, lastGoodPath, readHost, type Host } from '@clawport/core/node';
import { foreignConflicts, overlapConflicts } from '../model/conflicts.js';
import type { ConfigProblem, ForeignProcess, InstanceSnapshot } from '../model/snapshot.js';
import { probeGatewayDetails, probeUpstreamState } from './health-probe.js';
import { serviceState } from './service-state.js';

export interface SnapshotOptions {
  env: Env;
  osHome: string;
  /** Ask running gateways for /healthz (default true). */
  probeHealth?: boolean;
}

/** Every port with a listener on the host (with its socket inode when the table was read), probes as a fallback. */
async function listeningPorts(host: Host, footprints: readonly Footprint[]): Promise<Map<number, number | undefined>> {
  if (host.listeners) return new Map(host.listeners.map((l) => [l.port, l.inode]));
  const singles = footprints.flatMap((f) => f.claims.filter((c) => c.start === c.end).map((c) => c.start));
  const on = await Promise.all(singles.map(async (p) => ((await isListening(p)) ? p : undefined)));
  return new Map(on.filter((p): p is number => p !== undefined).map((p) => [p, undefined]));
}

/** A config error as the row shows it: the cause without the path, and where. */
function configProblem(e: ClawportError, file: string): ConfigProblem {
  const loc = e instanceof ConfigError ? e.location : {};
  const cause = e.message.replace(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?(:\\d+)?: `), '');
  return { cause, line: loc.line, column: loc.column };
}

/** What the sidebar shows and what its doctor judges, from one read of the host. */
export interface SidebarRead {
  snapshots: InstanceSnapshot[];
  /** File modes and lock/runtime owners (doctor facts beyond the configs). */
  facts: Omit<DoctorFacts, 'brokenConfigs'>;
}

/**
 * What the sidebar shows, from core's host model (discovery, footprints without running any
 * instance's plugin code, engine, service, who holds a claimed port, file modes and owners) plus
 * what only the editor asks: /healthz of running gateways and whether a config can be rolled back.
 */
export async function readSidebar(options: SnapshotOptions): Promise<SidebarRead> {
  const host = await readHost({ env: options.env, osHome: options.osHome, facets: ['service', 'holders', 'files', 'owners', 'incidents'], listeners: true });
  const incidents = host.instances.flatMap((i) => i.incidents ?? []).sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
  const shown = host.instances.map((i) => ({ i, fp: (i.footprint ?? i.assumedFootprint)! }));
  const listening = await listeningPorts(host, shown.map((s) => s.fp));
  // The gateway's preflight counts instances that run or whose config validates (they have a footprint); so does the overlap proof here.
  const counted = host.instances.filter((i) => i.footprint !== undefined);
  const overlapsByName = overlapConflicts(counted.map((i) => ({ footprint: i.footprint!, running: i.discovered.runtime !== undefined, counts: true })));

  const snapshots = await Promise.all(
    shown.map(async ({ i, fp }) => {
      const d = i.discovered;
      const running = d.runtime !== undefined;
      const held = new Map<number, ForeignProcess>();
      if (!running) for (const h of i.holders ?? []) held.set(h.port, h.pid === undefined ? {} : { pid: h.pid, command: h.command });
      const conflicts = [...(overlapsByName.get(d.instance.name) ?? []), ...foreignConflicts(fp, held)];
      const token = running && options.probeHealth !== false ? await clientToken(d.instance.stateDir, d.config).catch(() => undefined) : undefined;
      const upstream = running && options.probeHealth !== false && i.engine === 'openclaw';
      const [probe, engineState, service, canRollBack] = await Promise.all([
        running && options.probeHealth !== false ? probeGatewayDetails(d.instance.port, upstream ? undefined : token) : Promise.resolve(undefined),
        upstream ? probeUpstreamState(d.instance.stateDir, d.instance.port, token) : Promise.resolve(undefined),
        serviceState(d.instance.stateDir, i.service ?? null),
        stat(lastGoodPath(d.instance.configPath)).then(() => true, () => false),
      ]);
      const mine = incidentsAbout(incidents, d.instance);
      const problems = i.problems.map((e) => e.toLine());
      const configError: ConfigProblem | undefined = d.configError
        ? configProblem(d.configError, d.instance.configPath)
        : problems.length
          ? { cause: problems.join('; ') }
          : undefined;
      return {
        key: d.instance.stateDir,
        name: d.instance.name,
        profile: d.instance.profile,
        stateDir: d.instance.stateDir,
        configPath: d.instance.configPath,
        configExists: d.configExists,
        config: d.config,
        workspace: d.instance.workspace,
        base: i.configuredPort ?? d.instance.port,
        custom: d.instance.custom || d.registered,
        running,
        run: running ? 'running' : 'stopped',
        healthy: running ? probe?.healthy : undefined,
        pid: d.runtime?.pid,
        version: d.runtime?.version,
        startedAt: d.runtime?.startedAt,
        ports: fp.claims.map((claim) => ({
          claim,
          listening: rangePorts(claim.start, claim.end).filter((p) => listening.has(p)),
          heldBy: held.get(claim.start),
        })),
        portsAssumed: i.footprint === undefined,
        conflicts,
        configError,
        canRollBack,
        findings: [],
        service,
        ...(i.upstreamServices?.length ? { upstreamServices: i.upstreamServices } : {}),
        engine: { id: i.engine ?? 'clawport', pid: d.runtime?.enginePid, ...(engineState ? { state: engineState.state, detail: engineState.detail } : {}) },
        ...(probe?.plugins ? { plugins: probe.plugins } : {}),
        ...(mine.length > 0 ? { incidents: mine } : {}),
      } satisfies InstanceSnapshot;
    }),
  );
  const facts = doctorFacts(host);
  return { snapshots, facts: { files: facts.files, owners: facts.owners } };
}

/** The sidebar's instances (see readSidebar). */
export async function loadSnapshots(options: SnapshotOptions): Promise<InstanceSnapshot[]> {
  return (await readSidebar(options)).snapshots;
}

function rangePorts(start: number, end: number): number[] {
  const out: number[] = [];
  for (let p = start; p <= end; p++) out.push(p);
  return out;
}
