import { UsageError } from '../errors.js';
import { isDefaultProfile } from '../profile-name.js';
import type { InstancePaths } from '../instance.js';

/** The service managers a gateway can run under. `supervisor` is ours, for hosts without one. */
export const BACKENDS = ['systemd', 'launchd', 'schtasks', 'supervisor'] as const;
export type BackendId = (typeof BACKENDS)[number];

export function isBackendId(value: string): value is BackendId {
  return (BACKENDS as readonly string[]).includes(value);
}

/** `--backend X`: one clear line for anything else. */
export function parseBackend(raw: string, where = '--backend'): BackendId {
  if (isBackendId(raw)) return raw;
  throw new UsageError(`${where}: unknown service backend ${JSON.stringify(raw)}`, `use one of ${BACKENDS.join(', ')}`);
}

/** Every name a profile's service goes by, one per backend. */
export interface ServiceNames {
  /** The suffix used everywhere: undefined for the default instance. */
  suffix?: string;
  /** `openclaw-gateway.service` / `openclaw-gateway-P.service` */
  systemd: string;
  /** `ai.openclaw.gateway` / `ai.openclaw.P` */
  launchd: string;
  /** `OpenClaw Gateway` / `OpenClaw Gateway (P)` */
  schtasks: string;
  /** Directory name of the built-in supervisor's record, same for every profile (it lives in the state dir). */
  supervisor: string;
}

/**
 * An instance with custom paths (OPENCLAW_STATE_DIR without a profile) is named after its state dir, so
 * two custom instances still get two services.
 */
export function serviceSuffix(instance: Pick<InstancePaths, 'profile' | 'name' | 'custom'>): string | undefined {
  const key = instance.custom ? instance.name : instance.profile;
  return isDefaultProfile(key) ? undefined : key;
}

export function serviceNames(instance: Pick<InstancePaths, 'profile' | 'name' | 'custom'>): ServiceNames {
  const suffix = serviceSuffix(instance);
  return {
    suffix,
    systemd: suffix ? `openclaw-gateway-${suffix}.service` : 'openclaw-gateway.service',
    launchd: suffix ? `ai.openclaw.${suffix}` : 'ai.openclaw.gateway',
    schtasks: suffix ? `OpenClaw Gateway (${suffix})` : 'OpenClaw Gateway',
    supervisor: 'service',
  };
}

/** The name a user sees for one backend, e.g. in `status`. */
export function serviceName(backend: BackendId, names: ServiceNames): string {
  return backend === 'supervisor' ? `supervisor (${names.suffix ?? 'default'})` : names[backend];
}
