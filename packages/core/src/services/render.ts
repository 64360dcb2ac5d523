import type { BackendId } from './backend.js';
import { launchAgentsDir, renderLaunchdPlist } from './launchd.js';
import { renderTaskScript, renderTaskXml, taskScriptPath, taskXmlPath } from './schtasks.js';
import { renderSupervisorRecord, SUPERVISOR_RECORD_FILE } from './supervisor-record.js';
import type { ServiceSpec } from './spec.js';
import { renderSystemdUnit, systemdUnitDir, type SystemdOptions } from './systemd.js';

/** One file an install writes. The first file of a backend is the one doctor audits. */
export interface ServiceFile {
  path: string;
  content: string;
  mode: number;
  /** Task Scheduler wants UTF-16 XML; everything else is UTF-8. */
  encoding: 'utf8' | 'utf16le-bom';
  /** Never overwrite: the env file may already hold the user's secrets. */
  createOnly?: boolean;
}

export const SERVICE_ENV_FILE_HEADER =
  '# Secrets for this profile\'s gateway service, one KEY=VALUE per line. Mode 0600; never printed.\n';

export function serviceEnvFileEntry(spec: ServiceSpec): ServiceFile {
  return { path: spec.envFile, content: SERVICE_ENV_FILE_HEADER, mode: 0o600, encoding: 'utf8', createOnly: true };
}

/** Where a systemd unit or launchd agent of these names lives in a home (ours, or upstream's under its names). */
export function userServiceFilePath(backend: 'systemd' | 'launchd', home: string, names: Pick<ServiceSpec['names'], 'systemd' | 'launchd'>): string {
  return backend === 'systemd' ? `${systemdUnitDir(home)}/${names.systemd}` : `${launchAgentsDir(home)}/${names.launchd}.plist`;
}

/** Where the file that defines the service lives (the one `doctor` audits). */
export function serviceFilePath(backend: BackendId, spec: ServiceSpec): string {
  switch (backend) {
    case 'systemd':
    case 'launchd':
      return userServiceFilePath(backend, spec.home, spec.names);
    case 'schtasks':
      return taskScriptPath(spec);
    case 'supervisor':
      return `${spec.stateDir}/${SUPERVISOR_RECORD_FILE}`;
  }
}

export interface RenderOptions {
  systemd?: SystemdOptions;
}

/** Every file `gateway install` writes for a backend, fully rendered; pure. */
export function renderServiceFiles(backend: BackendId, spec: ServiceSpec, options: RenderOptions = {}): ServiceFile[] {
  const main = serviceFilePath(backend, spec);
  const text = (content: string, mode = 0o644): ServiceFile => ({ path: main, content, mode, encoding: 'utf8' });
  switch (backend) {
    case 'systemd':
      return [text(renderSystemdUnit(spec, options.systemd)), serviceEnvFileEntry(spec)];
    case 'launchd':
      return [text(renderLaunchdPlist(spec)), serviceEnvFileEntry(spec)];
    case 'schtasks':
      return [
        text(renderTaskScript(spec), 0o600),
        { path: taskXmlPath(spec), content: renderTaskXml(spec), mode: 0o600, encoding: 'utf16le-bom' },
        serviceEnvFileEntry(spec),
      ];
    case 'supervisor':
      return [text(renderSupervisorRecord(spec), 0o600), serviceEnvFileEntry(spec)];
  }
}
