import { ClawportError, type ServiceManifest } from '@clawport/core';
import { supervisorStatus } from '@clawport/gateway';
import type { ServiceState } from '../model/snapshot.js';

/**
 * Which service runs this instance: the manifest `gateway install` leaves in the state dir (read by
 * core's host model) names the backend (never re-detected). The built-in supervisor's state comes from its own files; a managed
 * backend (systemd, launchd, schtasks) is shown as installed without asking its manager on every
 * refresh, which would make the tree slow.
 */
export async function serviceState(stateDir: string, manifest: ServiceManifest | null): Promise<ServiceState> {
  if (!manifest) return { backend: 'none', installed: false, state: 'not installed' };
  try {
    if (manifest.backend !== 'supervisor') return { backend: manifest.backend, installed: true, state: `${manifest.service} installed` };
    const s = await supervisorStatus(stateDir);
    const detail = [s.phase, s.pid ? `pid ${s.pid}` : undefined, s.restarts ? `${s.restarts} restarts` : undefined].filter(Boolean).join(', ');
    return { backend: 'supervisor', installed: s.installed, state: detail };
  } catch (e) {
    return { backend: 'none', installed: false, state: e instanceof ClawportError ? e.message : 'unreadable service manifest' };
  }
}
