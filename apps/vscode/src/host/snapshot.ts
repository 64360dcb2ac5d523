import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, builtinManifests, clawportPluginSpecs, resolveFootprint, writtenPort, type ClawportError, type ClawportPlugin, type Env, type Footprint } from '@clawport/core';
import { commandOf, discoverInstances, isListening, lastGoodPath, listListeners, listenerPid, loadPlugins, readEngineSettings, type DiscoveredInstance } from '@clawport/core/node';
import { foreignConflicts, overlapConflicts } from '../model/conflicts.js';
import type { ConfigProblem, ForeignProcess, InstanceSnapshot } from '../model/snapshot.js';
import { probeHealthz } from './health-probe.js';
import { readServiceState } from './service-state.js';

export interface SnapshotOptions {
  env: Env;
  osHome: string;
  /** Ask running gateways for /healthz (default true). */
  probeHealth?: boolean;
}

/** Built-ins plus whatever `plugins.load` names, so third-party claims show up like built-in ones. */
async function pluginsFor(d: DiscoveredInstance, cache: Map<string, ClawportPlugin[]>): Promise<{ plugins: ClawportPlugin[]; errors: string[] }> {
  const specs = clawportPluginSpecs(d.config);
  if (specs.length === 0) return { plugins: [...builtinManifests], errors: [] };
  const key = `${dirname(d.instance.configPath)}|${specs.join(',')}`;
  const cached = cache.get(key);
  if (cached) return { plugins: cached, errors: [] };
  const { plugins, errors } = await loadPlugins(specs, dirname(d.instance.configPath));
  const all = [...builtinManifests, ...plugins];
  cache.set(key, all);
  return { plugins: all, errors: errors.map((e) => e.toLine()) };
}

/** Every port with a listener on the host (with its socket inode when the table was read), probes as a fallback. */
async function listeningPorts(footprints: readonly Footprint[]): Promise<Map<number, number | undefined>> {
  const listeners = await listListeners();
  if (listeners) return new Map(listeners.map((l) => [l.port, l.inode]));
  const singles = footprints.flatMap((f) => f.claims.filter((c) => c.start === c.end).map((c) => c.start));
  const on = await Promise.all(singles.map(async (p) => ((await isListening(p)) ? p : undefined)));
  return new Map(on.filter((p): p is number => p !== undefined).map((p) => [p, undefined]));
}

/** Who holds a port: pid from the socket table, command from the process table (either may be hidden). */
async function holderOf(port: number, inode: number | undefined): Promise<ForeignProcess> {
  const pid = await listenerPid(port, inode);
  return pid === undefined ? {} : { pid, command: await commandOf(pid) };
}

/** A config error as the row shows it: the cause without the path, and where. */
function configProblem(e: ClawportError, file: string): ConfigProblem {
  const loc = e instanceof ConfigError ? e.location : {};
  const cause = e.message.replace(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?(:\\d+)?: `), '');
  return { cause, line: loc.line, column: loc.column };
}

const pluginCache = new Map<string, ClawportPlugin[]>();

/** Every plugin loaded so far (built-ins included), once each: doctor runs their checks. */
export function loadedPlugins(): ClawportPlugin[] {
  const byId = new Map<string, ClawportPlugin>(builtinManifests.map((p) => [p.id, p]));
  for (const list of pluginCache.values()) for (const p of list) byId.set(p.id, p);
  return [...byId.values()];
}

/**
 * What the sidebar shows, from disk and probes: discovery (core), footprints and the overlap proof
 * (core), listeners from the socket table, /healthz of running gateways, the service files.
 */
export async function loadSnapshots(options: SnapshotOptions): Promise<InstanceSnapshot[]> {
  const found = await discoverInstances({ env: options.env, osHome: options.osHome });
  const resolved = await Promise.all(
    found.map(async (d) => {
      const { plugins, errors } = await pluginsFor(d, pluginCache);
      // A broken config still names the port it asks for; its footprint is what it would claim.
      const text = d.configError && !d.runtime ? await readFile(d.instance.configPath, 'utf8').catch(() => undefined) : undefined;
      const base = (text !== undefined ? writtenPort(text) : undefined) ?? d.instance.port;
      const fp = resolveFootprint(d.instance.name, base, d.config, plugins);
      return { d, base, fp: fp.footprint, problems: [...errors, ...fp.errors.map((e) => e.toLine())] };
    }),
  );
  const footprints = resolved.map((r) => r.fp);
  const listening = await listeningPorts(footprints);
  // The gateway's preflight counts instances that run or whose config validates; so does the overlap proof here.
  const counted = resolved.filter((r) => r.d.runtime !== undefined || !r.d.configError);
  const overlapsByName = overlapConflicts(counted.map((r) => ({ footprint: r.fp, running: r.d.runtime !== undefined, counts: true })));

  return Promise.all(
    resolved.map(async ({ d, base, fp, problems }) => {
      const running = d.runtime !== undefined;
      const held = new Map<number, ForeignProcess>();
      if (!running) {
        const taken = fp.claims.filter((c) => c.start === c.end && listening.has(c.start)).map((c) => c.start);
        await Promise.all(taken.map(async (p) => held.set(p, await holderOf(p, listening.get(p)))));
      }
      const conflicts = [...(overlapsByName.get(d.instance.name) ?? []), ...foreignConflicts(fp, held)];
      const [healthy, service, canRollBack, engine] = await Promise.all([
        running && options.probeHealth !== false ? probeHealthz(d.instance.port) : Promise.resolve(undefined),
        readServiceState(d.instance.stateDir),
        stat(lastGoodPath(d.instance.configPath)).then(() => true, () => false),
        readEngineSettings(d.instance.stateDir).then((e) => e.engine, () => undefined),
      ]);
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
        base,
        custom: d.instance.custom || d.registered,
        running,
        run: running ? 'running' : 'stopped',
        healthy: running ? healthy : undefined,
        pid: d.runtime?.pid,
        version: d.runtime?.version,
        startedAt: d.runtime?.startedAt,
        ports: fp.claims.map((claim) => ({
          claim,
          listening: rangePorts(claim.start, claim.end).filter((p) => listening.has(p)),
          heldBy: held.get(claim.start),
        })),
        portsAssumed: d.configError !== undefined && !running,
        conflicts,
        configError,
        canRollBack,
        findings: [],
        service,
        engine: { id: d.runtime?.engine ?? engine ?? 'clawport', pid: d.runtime?.enginePid },
      } satisfies InstanceSnapshot;
    }),
  );
}

function rangePorts(start: number, end: number): number[] {
  const out: number[] = [];
  for (let p = start; p <= end; p++) out.push(p);
  return out;
}
