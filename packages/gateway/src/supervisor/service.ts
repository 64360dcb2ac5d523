import { readFile } from 'node:fs/promises';
import {
  chooseBackend,
  serviceName,
  ServiceError,
  type BackendChoice,
  type BackendId,
  type RenderOptions,
  type ServiceSpec,
} from '@clawport/core';
import {
  gatherHostFacts,
  installService,
  managedServiceState,
  operateService,
  readServiceManifest,
  uninstallService,
  type CommandRunner,
  type InstallReport,
  type UninstallReport,
} from '@clawport/core/node';
import { restartSupervised, startSupervisor, stopSupervisor, supervisorStatus } from './control.js';
import { supervisorPaths } from './files.js';
import { installSupervised, uninstallSupervised } from './install.js';

/**
 * One profile's service, whatever runs it: the CLI's gateway install/start/stop/restart/status/logs
 * call these, and they dispatch to a service manager (through plans and a runner) or to the built-in
 * supervisor. After install, the backend comes from the manifest, never from re-detection.
 */
export interface ServiceContext {
  spec: ServiceSpec;
  runner: CommandRunner;
  /** For launchd's gui/<uid> domain. */
  uid?: number;
}

/** Detects the backend for this host (or takes the forced one) and says why. */
export function detectBackend(forced?: BackendId, env: NodeJS.ProcessEnv = process.env): BackendChoice {
  return chooseBackend(gatherHostFacts(env), forced);
}

function profileFlag(spec: ServiceSpec): string {
  return spec.names.suffix ? ` --profile ${spec.profile}` : '';
}

/** The backend a profile's service was installed with; a ServiceError when there is none. */
export async function installedBackend(spec: ServiceSpec): Promise<BackendId> {
  const manifest = await readServiceManifest(spec);
  if (!manifest) {
    throw new ServiceError(`profile ${spec.name} has no service installed`, `install one: clawport${profileFlag(spec)} gateway install`);
  }
  return manifest.backend;
}

export async function installProfileService(
  ctx: ServiceContext,
  backend: BackendId,
  opts: { dryRun?: boolean; force?: boolean; render?: RenderOptions } = {},
): Promise<InstallReport> {
  if (backend === 'supervisor') return installSupervised(ctx.spec, opts);
  return installService({ backend, spec: ctx.spec, runner: ctx.runner, uid: ctx.uid, ...opts });
}

export async function uninstallProfileService(ctx: ServiceContext, opts: { dryRun?: boolean } = {}): Promise<UninstallReport> {
  const backend = await installedBackend(ctx.spec);
  if (backend === 'supervisor') return uninstallSupervised(ctx.spec, opts);
  return uninstallService(ctx.spec, ctx.runner, { ...opts, uid: ctx.uid });
}

/** What `gateway status` shows about the service itself (the gateway's own health is joined by the CLI). */
export interface ProfileServiceState {
  backend: BackendId;
  service: string;
  installed: boolean;
  enabled: boolean;
  running: boolean;
  pid?: number;
  restarts?: number;
  lastExit?: { code: number | null; signal?: string | null };
  detail: string;
}

export async function profileServiceState(ctx: ServiceContext, detected: BackendChoice): Promise<ProfileServiceState> {
  const manifest = await readServiceManifest(ctx.spec);
  const backend = manifest?.backend ?? detected.backend;
  const service = serviceName(backend, ctx.spec.names);
  if (!manifest) return { backend, service, installed: false, enabled: false, running: false, detail: 'not installed' };
  if (backend === 'supervisor') {
    const s = await supervisorStatus(ctx.spec.stateDir);
    return {
      backend,
      service,
      installed: s.installed,
      enabled: s.installed,
      running: s.running && s.pid !== undefined,
      pid: s.pid,
      restarts: s.restarts,
      lastExit: s.lastExit ? { code: s.lastExit.code, signal: s.lastExit.signal } : undefined,
      detail: s.reason ?? s.phase,
    };
  }
  const s = await managedServiceState(backend, ctx.spec, ctx.runner, ctx.uid);
  return { backend, service, ...s, lastExit: s.lastExit === undefined ? undefined : { code: s.lastExit } };
}

export async function startProfileService(ctx: ServiceContext): Promise<void> {
  const backend = await installedBackend(ctx.spec);
  if (backend === 'supervisor') {
    const s = await startSupervisor(ctx.spec.stateDir);
    if (s.phase === 'gave-up') throw new ServiceError(`the gateway of ${ctx.spec.name} did not stay up: ${s.reason ?? 'see its log'}`, `see ${ctx.spec.logFile}`);
    return;
  }
  await operateService(backend, 'start', ctx.spec, ctx.runner, { uid: ctx.uid });
}

export async function stopProfileService(ctx: ServiceContext): Promise<void> {
  const backend = await installedBackend(ctx.spec);
  if (backend === 'supervisor') await stopSupervisor(ctx.spec.stateDir);
  else await operateService(backend, 'stop', ctx.spec, ctx.runner, { uid: ctx.uid });
}

export async function restartProfileService(ctx: ServiceContext): Promise<void> {
  const backend = await installedBackend(ctx.spec);
  if (backend === 'supervisor') await restartSupervised(ctx.spec.stateDir);
  else await operateService(backend, 'restart', ctx.spec, ctx.runner, { uid: ctx.uid });
}

async function tailFile(path: string, lines: number): Promise<string[]> {
  try {
    return (await readFile(path, 'utf8')).trimEnd().split('\n').slice(-lines);
  } catch {
    return [];
  }
}

/** The last lines the service wrote: the gateway's output, and for the supervisor its own events. */
export async function profileServiceLogs(ctx: ServiceContext, lines = 50): Promise<{ file?: string; lines: string[] }[]> {
  const backend = await installedBackend(ctx.spec);
  if (backend === 'supervisor') {
    const own = supervisorPaths(ctx.spec.stateDir).log;
    return [
      { file: ctx.spec.logFile, lines: await tailFile(ctx.spec.logFile, lines) },
      { file: own, lines: await tailFile(own, lines) },
    ];
  }
  const out = await operateService(backend, 'logs', ctx.spec, ctx.runner, { uid: ctx.uid, lines });
  return [{ lines: out.trimEnd().split('\n') }];
}
