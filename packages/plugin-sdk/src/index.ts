// @clawport/plugin-sdk: what a plugin outside this repository is written against. Every name below is
// core's own (packages/core/src), re-exported; the build bundles core's compiled pure modules into
// dist/core/ so the published package needs no private dependency. Nothing here is a copy to keep in sync.

/**
 * Compatibility rule: a host loads a plugin only when the plugin's `apiVersion` equals the host's
 * PLUGIN_API_VERSION. This package's major version is that API version (1.x speaks v1); minor and
 * patch releases add types and helpers without changing what a v1 host accepts.
 */
export { PLUGIN_API_VERSION, definePlugin, configSection } from '@clawport/core';

/** Mark a config field secret (`url: secret(z.string())`): redacted in config get/set, the gateway's config answers and its log. */
export { secret } from '@clawport/core';

/** The schema library the host validates openclaw.json with, at the host's exact version. */
export { z } from '@clawport/core';

/** Typed errors: throw PortConflictError when a claimed port is taken, PluginError for your own failures. */
export { ClawportError, ConfigError, PluginError, PortConflictError, PortRangeError } from '@clawport/core';

/** Port bounds every claim must stay within, and the host's pure footprint proof (for your own tests). */
export { MIN_PORT, MAX_PORT, resolveFootprint, overlaps, formatRange } from '@clawport/core';

export type {
  AbsoluteClaim,
  BindScope,
  ClaimContext,
  ClaimSpec,
  ClawportPlugin,
  DoctorInstance,
  Finding,
  Footprint,
  GatewayHandle,
  GatewayStats,
  OpenClawConfig,
  Overlap,
  PluginConfigSection,
  PluginLogger,
  RelativeClaim,
  ResolvedClaim,
  ResolvedInstance,
  RpcHandler,
  RunningService,
  ServiceContext,
  Severity,
} from '@clawport/core';
