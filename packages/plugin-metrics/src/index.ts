// @clawport/plugin-metrics: an example plugin built only on @clawport/core's public contract.
import { PLUGIN_API_VERSION, definePlugin } from '@clawport/core';
import { metricsClaims, metricsEnabled } from './claims.js';
import { metricsDoctor } from './doctor.js';
import { metricsSection } from './section.js';
import { startMetricsService } from './service.js';

export const metricsPlugin = definePlugin({
  apiVersion: PLUGIN_API_VERSION,
  id: 'metrics',
  description: 'Prometheus text metrics of the gateway (uptime, connections, RPC counts) on 127.0.0.1, base+5',
  config: metricsSection,
  enabled: metricsEnabled,
  claims: metricsClaims,
  doctor: metricsDoctor,
  start: (ctx) => startMetricsService(ctx),
});

// The host loads `default` (or a named `plugin` export) from a plugins.load entry.
export default metricsPlugin;
export { metricsClaims, metricsEnabled } from './claims.js';
export { metricsDoctor } from './doctor.js';
export { renderMetrics, escapeLabelValue, PROMETHEUS_CONTENT_TYPE } from './prometheus.js';
export { METRICS_CLAIM, METRICS_OFFSET, metricsSchema, metricsSection, type MetricsConfig } from './section.js';
export { startMetricsService, METRICS_HOST, type MetricsStatus } from './service.js';
