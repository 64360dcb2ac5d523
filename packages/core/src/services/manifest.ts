import { ServiceError } from '../errors.js';
import { isBackendId, type BackendId } from './backend.js';
import { SERVICE_DIR } from './spec.js';

/**
 * `<state>/service/installed.json`: which backend a profile's service was installed with and every file
 * that install created, so uninstall removes exactly those and doctor knows which file to audit.
 */
export interface ServiceManifest {
  version: 1;
  backend: BackendId;
  /** The backend's name for the service (unit, label, task name). */
  service: string;
  profile: string;
  port: number;
  /** Files written by install; `created` is false for files that existed before (the env file). */
  files: Array<{ path: string; created: boolean }>;
  installedAt: string;
}

export const SERVICE_MANIFEST_FILE = `${SERVICE_DIR}/installed.json`;

export function parseServiceManifest(text: string, file: string): ServiceManifest {
  let m: Partial<ServiceManifest>;
  try {
    m = JSON.parse(text) as Partial<ServiceManifest>;
  } catch {
    throw new ServiceError(`${file} is not valid JSON`, 'remove it and reinstall: clawport gateway install --force');
  }
  const ok =
    m?.version === 1 &&
    typeof m.backend === 'string' &&
    isBackendId(m.backend) &&
    typeof m.service === 'string' &&
    typeof m.profile === 'string' &&
    Array.isArray(m.files) &&
    m.files.every((f) => typeof f?.path === 'string' && typeof f.created === 'boolean');
  if (!ok) throw new ServiceError(`${file} is not a service manifest (version 1)`, 'remove it and reinstall: clawport gateway install --force');
  return m as ServiceManifest;
}
