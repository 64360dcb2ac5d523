import { ConfigError, PluginError } from '../../errors.js';
import type { DoctorFacts, DoctorFinding } from '../../doctor/facts.js';
import { checkGatewayConfigs } from '../../doctor/gateway-config.js';
import type { DoctorInstance } from '../../plugins/contract.js';
import { realPath } from '../fs-safe.js';
import { usableInstances } from './read-host.js';
import type { Host } from './types.js';

/** The instances as core's doctor checks see them (broken configs are facts, not instances). */
export function doctorInstances(host: Host): DoctorInstance[] {
  return usableInstances(host).map(({ discovered: d, footprint }) => ({
    name: d.instance.name,
    profile: d.instance.profile,
    stateDir: d.instance.stateDir,
    configPath: d.instance.configPath,
    workspace: d.instance.workspace,
    base: d.instance.port,
    config: d.config,
    footprint: footprint.claims,
    // A config linked to another instance's file is that file (doctor: "share the config file").
    realPaths: { stateDir: realPath(d.instance.stateDir), configPath: realPath(d.instance.configPath), workspace: realPath(d.instance.workspace) },
  }));
}

/**
 * What doctor judges beyond configs, from the `files` and `owners` facets and, when the host was read
 * with `listeners: true` and the `holders` facet, the fixed ports a foreign process holds.
 */
export function doctorFacts(host: Host): DoctorFacts {
  return {
    ...(host.listeners && { foreignPorts: foreignPorts(host) }),
    files: host.instances.flatMap((i) => i.files ?? []),
    owners: host.instances.flatMap((i) => [i.owners?.lock, i.owners?.runtime].filter((o) => o !== undefined)),
    brokenConfigs: host.instances.flatMap(({ discovered: d }) =>
      d.configError ? [{ instance: d.instance.name, file: d.instance.configPath, message: d.configError.toLine() }] : [],
    ),
  };
}

/**
 * Footprint problems and unloaded plugins as findings: a third-party plugin the running gateway
 * reported is a warning naming it; a problem with core's own ports is an error; third-party plugins
 * of a stopped instance are an info (their ports are not checked until it starts: host-wide reads
 * never run another instance's plugin code).
 */
export function footprintFindings(host: Host): DoctorFinding[] {
  return host.instances.flatMap((i) => {
    const where = { instance: i.discovered.instance.name, file: i.discovered.instance.configPath };
    const out: DoctorFinding[] = i.problems.map((p): DoctorFinding =>
      p instanceof PluginError
        ? { severity: 'warning', check: 'plugin.problem', ...where, message: `${where.instance}: ${p.message}`, fix: p.suggestion ?? 'fix the plugin or remove it from plugins.load', keyPath: 'plugins.load' }
        : {
            severity: 'error',
            check: 'ports.range',
            ...where,
            message: `${where.instance}: ${p.message}`,
            fix: p.suggestion ?? 'choose another base or explicit port',
            ...(p instanceof ConfigError && p.location.keyPath !== undefined && { keyPath: p.location.keyPath }),
          },
    );
    const notLoaded = pluginsNotLoadedLine(i);
    if (notLoaded) out.push({ severity: 'info', check: 'plugins.notLoaded', ...where, message: `${where.instance}: ${notLoaded}`, keyPath: 'plugins.load' });
    return out;
  });
}

/** What each usable config's gateway would refuse to start on, judged for the engine that runs it (core checkGatewayConfigs). */
export function gatewayConfigFindings(host: Host): DoctorFinding[] {
  return checkGatewayConfigs(
    host.instances.flatMap(({ discovered: d, engine }) =>
      d.configError ? [] : [{ instance: d.instance.name, configPath: d.instance.configPath, config: d.config, ...(engine && { engine }) }],
    ),
  );
}

/**
 * One line (without the instance's name) for an instance whose third-party plugins a host-wide read
 * did not load, or undefined. Shared wording for ports check, status --all and doctor.
 */
export function pluginsNotLoadedLine(i: Pick<Host['instances'][number], 'discovered' | 'plugins' | 'footprint'>): string | undefined {
  if (i.plugins.source !== 'not loaded' || i.plugins.specs.length === 0 || !i.footprint) return undefined;
  const flag = i.discovered.instance.profile === 'default' ? '' : ` --profile ${i.discovered.instance.profile}`;
  return `plugins not loaded (${i.plugins.specs.join(', ')}): host-wide reads never run another instance's plugin code, so their ports are checked when it starts; to see them now: clawport${flag} ports`;
}

type ForeignPort = NonNullable<DoctorFacts['foreignPorts']>[number];

/**
 * Fixed ports of each usable instance that a foreign process holds (the `holders` facet minus running
 * gateways, whose ports are an overlap): the instance cannot start there, so doctor names the process.
 */
function foreignPorts(host: Host): ForeignPort[] {
  return usableInstances(host).flatMap((i) =>
    (i.holders ?? [])
      .filter((h) => !h.gateway)
      .map((h) => ({
        instance: i.discovered.instance.name,
        port: h.port,
        role: h.role,
        holder: h.pid === undefined ? 'a process this user cannot see' : h.command ? `pid ${h.pid} (${h.command})` : `pid ${h.pid}`,
      })),
  );
}
