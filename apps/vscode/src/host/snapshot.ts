import { dirname } from 'node:path';
import { builtinManifests, clawportPluginSpecs, resolveFootprint, type ClawportPlugin, type Env, type Footprint } from '@clawport/core';
import { discoverInstances, isListening, listListeners, loadPlugins, type DiscoveredInstance } from '@clawport/core/node';
import { conflictsByInstance, foreignListeners } from '../model/conflicts.js';
import { deriveHealth, type InstanceSnapshot } from '../model/snapshot.js';
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

/** Every port with a listener on the host: one read of the kernel's socket table, probes as a fallback. */
async function listeningPorts(footprints: readonly Footprint[]): Promise<Set<number>> {
  const listeners = await listListeners();
  if (listeners) return new Set(listeners.map((l) => l.port));
  const singles = footprints.flatMap((f) => f.claims.filter((c) => c.start === c.end).map((c) => c.start));
  const on = await Promise.all(singles.map(async (p) => ((await isListening(p)) ? p : undefined)));
  return new Set(on.filter((p): p is number => p !== undefined));
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
      const fp = resolveFootprint(d.instance.name, d.instance.port, d.config, plugins);
      return { d, fp: fp.footprint, problems: [...errors, ...fp.errors.map((e) => e.toLine())] };
    }),
  );
  const footprints = resolved.map((r) => r.fp);
  const [listening, overlapsByName] = await Promise.all([listeningPorts(footprints), Promise.resolve(conflictsByInstance(footprints))]);

  return Promise.all(
    resolved.map(async ({ d, fp, problems }) => {
      const running = d.runtime !== undefined;
      const conflicts = [...(overlapsByName.get(d.instance.name) ?? [])];
      if (!running) conflicts.push(...foreignListeners(fp, listening));
      const [healthy, service] = await Promise.all([
        running && options.probeHealth !== false ? probeHealthz(d.instance.port) : Promise.resolve(undefined),
        readServiceState(d.instance.stateDir),
      ]);
      const configError = [d.configError?.toLine(), ...problems].filter(Boolean).join('; ') || undefined;
      const snapshot: Omit<InstanceSnapshot, 'health'> = {
        key: d.instance.stateDir,
        name: d.instance.name,
        profile: d.instance.profile,
        stateDir: d.instance.stateDir,
        configPath: d.instance.configPath,
        configExists: d.configExists,
        config: d.config,
        workspace: d.instance.workspace,
        base: d.instance.port,
        custom: d.instance.custom || d.registered,
        running,
        healthy: running ? healthy : undefined,
        pid: d.runtime?.pid,
        version: d.runtime?.version,
        startedAt: d.runtime?.startedAt,
        ports: fp.claims.map((claim) => ({
          claim,
          listening: rangePorts(claim.start, claim.end).filter((p) => listening.has(p)),
        })),
        conflicts,
        configError,
        findings: [],
        service,
      };
      return { ...snapshot, health: deriveHealth(snapshot) };
    }),
  );
}

function rangePorts(start: number, end: number): number[] {
  const out: number[] = [];
  for (let p = start; p <= end; p++) out.push(p);
  return out;
}
