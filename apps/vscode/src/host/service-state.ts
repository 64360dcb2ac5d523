import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SUPERVISOR_PID_FILE, SUPERVISOR_RECORD_FILE, serviceNames, systemdUnitDir, type InstancePaths } from '@clawport/core';
import { isProcessAlive } from '@clawport/core/node';
import { readFile } from 'node:fs/promises';
import type { ServiceState } from '../model/snapshot.js';

const exists = (p: string) => stat(p).then(() => true, () => false);

/**
 * Which service runs this instance, from files only (no systemctl per refresh: the tree must stay cheap):
 * a systemd user unit named for the profile, else the built-in supervisor's record in the state dir.
 */
export async function readServiceState(paths: Pick<InstancePaths, 'profile' | 'name' | 'custom' | 'stateDir' | 'home'>): Promise<ServiceState> {
  const names = serviceNames(paths);
  if (process.platform === 'linux' && (await exists(join(systemdUnitDir(paths.home), names.systemd)))) {
    return { backend: 'systemd', installed: true, state: `${names.systemd} installed` };
  }
  if (await exists(join(paths.stateDir, SUPERVISOR_RECORD_FILE))) {
    const pid = Number((await readFile(join(paths.stateDir, SUPERVISOR_PID_FILE), 'utf8').catch(() => '')).trim());
    const alive = pid > 0 && isProcessAlive(pid);
    return { backend: 'supervisor', installed: true, state: alive ? `active (pid ${pid})` : 'inactive' };
  }
  return { backend: 'none', installed: false, state: 'not installed' };
}
