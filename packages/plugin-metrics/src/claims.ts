import { configSection, type ClaimContext, type ClaimSpec, type OpenClawConfig } from '@clawport/core';
import { METRICS_CLAIM, METRICS_OFFSET, metricsSection } from './section.js';

/**
 * The plugin is on unless `metrics.enabled` is false; loading it (plugins.load) is the opt-in. An invalid
 * section counts as on, so that `claims()` throws and the host reports it naming this plugin.
 */
export function metricsEnabled(config: OpenClawConfig): boolean {
  try {
    return configSection(metricsSection, config)?.enabled !== false;
  } catch {
    return true;
  }
}

/**
 * One loopback port: `metrics.port` when set, else B+5. Pure, so `clawport ports`, `doctor` and the
 * editor show the same claim the gateway binds.
 */
export function metricsClaims({ config }: ClaimContext): ClaimSpec[] {
  const port = configSection(metricsSection, config)?.port;
  const role = 'metrics';
  return [
    port === undefined
      ? { id: METRICS_CLAIM, role, from: 'base', offset: METRICS_OFFSET, bind: 'loopback' }
      : { id: METRICS_CLAIM, role, port, bind: 'loopback', key: 'metrics.port' },
  ];
}
