import { MAX_PORT, MIN_PORT, secret, z, type PluginConfigSection } from '@clawport/plugin-sdk';

/** Default offset of this plugin's port from the instance's base port B. */
export const OFFSET = __OFFSET__;

/** `__NAME__` in openclaw.json, built with the SDK's `z` (the host's zod) so the host validates it. */
export const schema = z.strictObject({
  /** false: stay loaded but claim and serve nothing. */
  enabled: z.boolean().optional(),
  /** An explicit port instead of base+__OFFSET__; unique on the host like every claim. */
  port: z.number().int().min(MIN_PORT).max(MAX_PORT).optional(),
  /** A greeting served at `/`; shows how a plain setting flows from the config to the service. */
  greeting: z.string().optional(),
  /**
   * A webhook to tell when the service starts (such URLs carry their credentials). Marked secret():
   * `clawport config get|set`, the gateway's config answers and its log never show the value.
   */
  notifyUrl: secret(z.string()).optional(),
});

export type Config = z.infer<typeof schema>;

export const section: PluginConfigSection<Config> = { key: '__NAME__', schema };
