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
  /** `clawport-gateway.service` / `clawport-gateway-P.service` */
  systemd: string;
  /** `ai.clawport.gateway` / `ai.clawport.P` */
  launchd: string;
  /** `Clawport Gateway` / `Clawport Gateway (P)` */
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

function namesFor(suffix: string | undefined, brand: { id: string; title: string }): ServiceNames {
  return {
    suffix,
    systemd: suffix ? `${brand.id}-gateway-${suffix}.service` : `${brand.id}-gateway.service`,
    launchd: suffix ? `ai.${brand.id}.${suffix}` : `ai.${brand.id}.gateway`,
    schtasks: suffix ? `${brand.title} Gateway (${suffix})` : `${brand.title} Gateway`,
    supervisor: 'service',
  };
}

/**
 * Clawport's own names. They differ from upstream OpenClaw's (`openclaw-gateway-P.service`,
 * `ai.openclaw.P`, `OpenClaw Gateway (P)`) so the two can never collide on one host.
 */
export function serviceNames(instance: Pick<InstancePaths, 'profile' | 'name' | 'custom'>): ServiceNames {
  return namesFor(serviceSuffix(instance), { id: 'clawport', title: 'Clawport' });
}

/**
 * The names Clawport used before it had its own, which are also upstream's: a file under one of them
 * without upstream's marker is ours from an older install (doctor reports it; `gateway install` moves it).
 */
export function legacyServiceNames(names: Pick<ServiceNames, 'suffix'>): ServiceNames {
  return namesFor(names.suffix, { id: 'openclaw', title: 'OpenClaw' });
}

/** The name a user sees for one backend, e.g. in `status`. */
export function serviceName(backend: BackendId, names: ServiceNames): string {
  return backend === 'supervisor' ? `supervisor (${names.suffix ?? 'default'})` : names[backend];
}
