// @clawport/core: the pure model. No fs, net or child_process here; IO lives in ./node.
//
// The public API, named on purpose: what the gateway, the CLI, the browser plugin, the editor extension,
// the plugin SDK and the tools import. Everything else in src/ is internal (core's own tests reach it by
// relative path). A change to this list is deliberate: test/public-api.test.ts pins it and
// docs/explanation/host-model.md ("What core makes public") says what belongs here.
export {
  AllocationError,
  ClawportError,
  ConfigError,
  exitCodeOfWireCode,
  GatewayError,
  PluginError,
  PortConflictError,
  PortRangeError,
  ProfileError,
  ServiceError,
  StateDirLockedError,
  StateSymlinkError,
  UsageError,
  WireError,
} from './errors.js';
export { isDefaultProfile, parseProfileName } from './profile-name.js';
export { liftGlobalFlags } from './argv.js';
export type { GlobalFlags } from './argv.js';
export {
  configuredBase,
  DEFAULT_BASE_PORT,
  defaultBasePort,
  defaultWorkspace,
  expandHome,
  instanceHome,
  instanceSelection,
  resolveInstance,
  resolveInstancePaths,
  withRuntimePort,
} from './instance.js';
export type { Env, InstancePaths, ResolvedInstance } from './instance.js';
export { LOCK_FILE, LOGS_DIR, RUNTIME_FILE, parseRuntimeInfo } from './runtime.js';
export type { RuntimeInfo } from './runtime.js';
export {
  clawportPluginSpecs,
  configSchema,
  isManagedChromiumFlag,
} from './config/schema.js';
export type { BrowserProfileConfig, ConfigSchema, OpenClawConfig } from './config/schema.js';
export { z } from './config/zod.js';
export { configProblems, fixTheEdit, locateKeyPath, parseConfig, validateConfig } from './config/parse.js';
export { configJsonSchema, isCoreConfigKey, mergedConfigSchema } from './config/json-schema.js';
export { gatewayConfigRefusal } from './config/bind-auth.js';
export { MAX_PORT, MIN_PORT, parsePort } from './ports/port-value.js';
export { footprint, formatRange, resolveFootprint } from './ports/footprint.js';
export type { Footprint } from './ports/footprint.js';
export { footprintAt, footprintRefusal } from './ports/footprint-at.js';
export { describeClaim, overlaps } from './ports/overlap.js';
export type { Overlap } from './ports/overlap.js';
export { allocateBase, footprintShape } from './ports/allocate.js';
export { PLUGIN_API_VERSION } from './plugins/contract.js';
export type {
  AbsoluteClaim,
  BindScope,
  ClaimContext,
  ClaimSpec,
  ClawportPlugin,
  DoctorInstance,
  Finding,
  GatewayHandle,
  GatewayStats,
  PluginConfigSection,
  PluginLogger,
  RelativeClaim,
  ResolvedClaim,
  RpcHandler,
  RunningService,
  ServiceContext,
  Severity,
} from './plugins/contract.js';
export {
  BROWSER_CONTROL_OFFSET,
  browserManifest,
  builtinManifests,
  CANVAS_OFFSET,
  canvasManifest,
} from './plugins/builtin.js';
export { configSection, definePlugin } from './plugins/define.js';
export { getKey, parseCliValue, setKey, splitKeyPath, unsetKey } from './config/key-path.js';
export { changedKeys, changedProtectedKeys, grantScopes, hasScope, isCliOnlyKey, SCOPES } from './authority/index.js';
export type { Scope } from './authority/index.js';
export {
  isSecretKey,
  REDACTED,
  redactSecrets,
  redactUrlPassword,
  restoreEchoedUrlPasswords,
  scrubText,
} from './redact.js';
export type { SecretHint } from './redact.js';
export { schemaSecretHint, secret, secretPaths, secretValues } from './config/secret.js';
export {
  BACKENDS,
  chooseBackend,
  DEFAULT_BACKOFF,
  formatCommand,
  joinServiceStatus,
  parseBackend,
  parseEnvFile,
  parseSupervisorRecord,
  SERVICE_LOG_FILE,
  serviceName,
  serviceSpec,
  SUPERVISOR_LOG_FILE,
  SUPERVISOR_PID_FILE,
  SUPERVISOR_RECORD_FILE,
  SUPERVISOR_STATE_FILE,
  withOpenclawEngine,
} from './services/index.js';
export type {
  BackendChoice,
  BackendId,
  Backoff,
  GatewayCommand,
  RenderOptions,
  ServiceManifest,
  ServiceSpec,
  SupervisorRecord,
  UpstreamServiceFile,
} from './services/index.js';
export { ALLOW_SHARED_PLACES_ENV, channelCredentials, chromesOf, runDoctor, sharedPlaces, watchFindings } from './doctor/index.js';
export type { DoctorFacts, DoctorFinding, DoctorReport, Place, Repair } from './doctor/index.js';
export {
  DEFAULT_ENGINE,
  describeLocated,
  deviceAuthPayloadV3,
  ENGINE_IDS,
  engineReadyLimitMs,
  openclawEngineManifest,
  openclawStartPlan,
  probeStateLabel,
} from './engines/index.js';
export type { EngineId, EngineProbe, EngineProbeState, EngineSettings, LocatedOpenclaw } from './engines/index.js';
export { connectHost, isLoopbackAddress, isLoopbackHost } from './address/loopback.js';
export { incidentsAbout, resolvedRecently, watchSettings } from './watch/incident.js';
export type { Incident, IncidentAction, WatchSettings } from './watch/incident.js';
