import type { Finding } from '../plugins/contract.js';
import { isDefaultProfile } from '../profile-name.js';

/** The three facts `gateway status` joins, as observed by the CLI. */
export interface ServiceStatusFacts {
  instance: { name: string; profile: string; custom: boolean; port: number; configPath: string; stateDir: string };
  /** The service manager's (or supervisor's) own view. */
  service: { name: string; backend: string; installed: boolean; running: boolean; pid?: number };
  /** `<state>/gateway.runtime.json` of a live gateway. */
  runtime?: { pid: number; base: number; configPath: string };
  /** WebSocket probe; undefined when nothing was probed (no runtime). */
  healthy?: boolean;
  /** A listener on the configured base port, with its pid when known. */
  listener?: { port: number; pid?: number };
  /** Drift of the installed service file(s) against the profile (auditServiceFile). */
  audit: readonly Finding[];
}

/**
 * Names every mismatch between service, runtime + probe, and listener, each with the command that
 * fixes it. Pure; the order is most-actionable first.
 */
export function joinServiceStatus(f: ServiceStatusFacts): Finding[] {
  const cli = f.instance.custom || isDefaultProfile(f.instance.profile) ? 'clawport' : `clawport --profile ${f.instance.profile}`;
  const out: Finding[] = [...f.audit];
  const add = (severity: Finding['severity'], check: string, message: string, fix: string) =>
    out.push({ severity, check, instance: f.instance.name, message, fix });
  const { runtime, service, instance } = f;

  if (runtime && runtime.configPath !== instance.configPath) {
    add('error', 'status.configPath', `the running gateway (pid ${runtime.pid}) uses ${runtime.configPath} but this CLI resolves ${instance.configPath}`, `run the CLI with the same profile/paths, or reinstall the service: ${cli} gateway install --force`);
  }
  if (runtime && runtime.base !== instance.port) {
    add('error', 'status.port', `the gateway runs on port ${runtime.base} but the config says ${instance.port}`, `${cli} gateway restart`);
  }
  if (!runtime && f.listener) {
    add('error', 'status.portBusy', `port ${f.listener.port} is held by another process${f.listener.pid ? ` (pid ${f.listener.pid})` : ''}, not this gateway`, `stop that process, or move this profile: ${cli} setup --port <free base> (see: clawport ports suggest)`);
  }
  if (service.running && runtime && service.pid !== undefined && service.pid !== runtime.pid) {
    add('warning', 'status.pid', `the gateway holding ${instance.stateDir} is pid ${runtime.pid}, not the service's pid ${service.pid}`, `stop pid ${runtime.pid}, then: ${cli} gateway restart`);
  }
  if (!service.running && runtime) {
    add('info', 'status.unmanaged', `gateway pid ${runtime.pid} runs outside its service${service.installed ? '' : ' (no service installed)'}`, service.installed ? `stop it (kill ${runtime.pid}), then: ${cli} gateway start` : `${cli} gateway install`);
  }
  if (runtime && f.healthy === false) {
    add('warning', 'status.unhealthy', `gateway pid ${runtime.pid} does not answer a health call on port ${runtime.base}`, `${cli} gateway logs, then: ${cli} gateway restart`);
  }
  if (service.installed && !service.running && !runtime) {
    add('warning', 'status.stopped', `${service.name} is installed but not running`, `${cli} gateway start`);
  }
  if (!service.installed) add('info', 'status.notInstalled', `no service is installed for ${instance.name}`, `${cli} gateway install`);
  return out;
}
