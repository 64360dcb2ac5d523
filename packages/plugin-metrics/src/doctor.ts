import { configSection, type DoctorInstance, type Finding } from '@clawport/core';
import { METRICS_CLAIM, metricsSection } from './section.js';

const OWNER = 'metrics';

function loaded(instance: DoctorInstance): boolean {
  return instance.footprint.some((c) => c.owner === OWNER && c.id === METRICS_CLAIM);
}

/** Reads the section without throwing: doctor reports a bad section, it does not stop at it. */
function section(instance: DoctorInstance) {
  try {
    return { value: configSection(metricsSection, instance.config) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Checks the `ports.overlap` proof cannot phrase well:
 * - `metrics.port.shared`: two instances pin the same `metrics.port` (names the key to change);
 * - `metrics.disabled.configured`: a port is set but `metrics.enabled` is false, so nothing claims it;
 * - `metrics.section.invalid`: the section does not validate.
 */
export function metricsDoctor(instances: readonly DoctorInstance[]): Finding[] {
  const findings: Finding[] = [];
  const byPort = new Map<number, DoctorInstance[]>();
  for (const instance of instances) {
    const { value, error } = section(instance);
    const where = { instance: instance.name, file: instance.configPath };
    if (error !== undefined) {
      findings.push({ severity: 'error', check: 'metrics.section.invalid', ...where, message: `${instance.name}: ${error}`, keyPath: 'metrics', fix: 'fix the metrics section, then run: clawport config validate' });
      continue;
    }
    if (value?.enabled === false && value.port !== undefined) {
      findings.push({
        severity: 'warning',
        check: 'metrics.disabled.configured',
        ...where,
        keyPath: 'metrics.port',
        message: `${instance.name}: metrics.port ${value.port} is set but metrics.enabled is false, so nothing claims or serves it`,
        fix: `remove metrics.port, or enable metrics: clawport${instance.profile === 'default' ? '' : ` --profile ${instance.profile}`} config set metrics.enabled true`,
      });
    }
    if (value?.port !== undefined && loaded(instance)) {
      byPort.set(value.port, [...(byPort.get(value.port) ?? []), instance]);
    }
  }
  for (const [port, sharing] of byPort) {
    if (sharing.length < 2) continue;
    const names = sharing.map((i) => i.name);
    for (const instance of sharing) {
      findings.push({
        severity: 'error',
        check: 'metrics.port.shared',
        instance: instance.name,
        file: instance.configPath,
        keyPath: 'metrics.port',
        message: `metrics.port ${port} is pinned by ${names.join(' and ')}: only one gateway can serve it`,
        fix: 'give each instance its own metrics.port, or remove it to use base+5',
      });
    }
  }
  return findings;
}
