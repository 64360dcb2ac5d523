import { MAX_PORT, MIN_PORT, z, type PluginConfigSection } from '@clawport/core';

/** Default offset of the metrics port from the base: B+5 (the built-ins use B, B+2, B+4 and control+9…). */
export const METRICS_OFFSET = 5;

/** Claim id of the metrics port; also its key in ServiceContext.ports. */
export const METRICS_CLAIM = 'metrics';

/**
 * `metrics` in openclaw.json. Built with core's `z`, so the host merges it into the config schema and
 * the editor's JSON schema exactly like a built-in section.
 */
export const metricsSchema = z.strictObject({
  /** Set false to keep the plugin loaded but claim and serve nothing. */
  enabled: z.boolean().optional(),
  /** Explicit metrics port; default B+5. Must stay unique on the host like every other claim. */
  port: z
    .number()
    .int()
    .min(MIN_PORT, `ports below ${MIN_PORT} need root`)
    .max(MAX_PORT, `ports stop at ${MAX_PORT}`)
    .optional(),
});

export type MetricsConfig = z.infer<typeof metricsSchema>;

export const metricsSection: PluginConfigSection<MetricsConfig> = { key: 'metrics', schema: metricsSchema };
