import { rm, rmdir } from 'node:fs/promises';
import { SERVICE_LOG_FILE, type ServiceSpec } from '@clawport/core';
import { installService, RecordingRunner, uninstallService, type InstallReport, type UninstallReport } from '@clawport/core/node';
import { stopSupervisor } from './control.js';
import { supervisorPaths } from './files.js';

/** Records the supervised service in the state dir (supervisor.json, env file, manifest). */
export async function installSupervised(spec: ServiceSpec, opts: { dryRun?: boolean; force?: boolean } = {}): Promise<InstallReport> {
  return installService({ backend: 'supervisor', spec, runner: new RecordingRunner(), ...opts });
}

/**
 * Stops supervisor and gateway, then removes exactly what install and the supervisor wrote: the
 * manifest's files, pid/state files and the two service logs (the gateway's own logs stay).
 */
export async function uninstallSupervised(spec: ServiceSpec, opts: { dryRun?: boolean } = {}): Promise<UninstallReport> {
  const paths = supervisorPaths(spec.stateDir);
  const runtimeFiles = [paths.pid, paths.state, paths.log, `${paths.log}.1`, `${spec.stateDir}/${SERVICE_LOG_FILE}`, `${spec.stateDir}/${SERVICE_LOG_FILE}.1`];
  if (opts.dryRun) {
    const report = await uninstallService(spec, new RecordingRunner(), { dryRun: true });
    return { ...report, removed: [...report.removed, ...runtimeFiles] };
  }
  // Throws "has no service installed" before anything is stopped.
  await uninstallService(spec, new RecordingRunner(), { dryRun: true });
  await stopSupervisor(spec.stateDir);
  const done = await uninstallService(spec, new RecordingRunner());
  const removed: string[] = [];
  for (const file of runtimeFiles) {
    await rm(file, { force: false }).then(
      () => removed.push(file),
      () => undefined,
    );
  }
  await rmdir(spec.serviceDir).catch(() => undefined);
  await rmdir(spec.logsDir).catch(() => undefined);
  return { ...done, removed: [...done.removed, ...removed] };
}
