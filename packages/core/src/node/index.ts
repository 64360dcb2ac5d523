// @clawport/core/node: the IO adapters (fs, net, /proc). Everything else in core is pure.
//
// Named exports on purpose, like ../index.ts: what other packages use, nothing more (see
// docs/explanation/host-model.md; test/public-api.test.ts pins the list).
export { chmodNoFollow, ensurePrivateDir, writeFileAtomic } from './fs-safe.js';
export { refuseSymlinkedState } from './state-entries.js';
export { reachesThisHost } from './host-addresses.js';
export { isProcessAlive, processStartTicks } from './process-liveness.js';
export { LockError, tryLock, withFileLock } from './file-lock.js';
export type { HeldLock } from './file-lock.js';
export {
  lastGoodPath,
  readConfigFile,
  restoreConfigText,
  rollbackConfig,
  updateConfig,
  writeConfig,
} from './config-store.js';
export type { LoadedConfig } from './config-store.js';
export { checkConfigEdit, realPlace } from './config-guard.js';
export { clientToken, ensureToken, readToken, tokenPath } from './token.js';
export { isRecordedProcess, readRuntime, removeRuntime, signalRecordedProcess, writeRuntime } from './runtime-file.js';
export {
  canBind,
  commandOf,
  describePid,
  isListening,
  listenerPid,
  listListeners,
  LOOPBACK,
  pidOfSocketInode,
} from './port-probe.js';
export type { Listener } from './port-probe.js';
export { registerInstance } from './registry.js';
export { discoverInstances } from './discovery.js';
export type { DiscoveredInstance } from './discovery.js';
export { checkPlugin, instancePlugins, loadPlugins } from './plugin-loader.js';
export {
  auditInstalledServices,
  execRunner,
  findUpstreamServices,
  fixInstalledService,
  gatherHostFacts,
  installService,
  managedServiceState,
  operateService,
  readServiceManifest,
  RecordingRunner,
  uninstallService,
} from './services/index.js';
export type { CommandRunner, InstalledServiceAudit, InstallReport, UninstallReport } from './services/index.js';
export {
  engineFilePath,
  loadDeviceIdentity,
  locateOpenclaw,
  readEngineSettings,
  writeEngineSettings,
} from './engine.js';
export type { DeviceIdentity } from './engine.js';
export { appendIncident, clearStopIntent, readIncidents, readStopIntent, recordStopIntent } from './incidents.js';
export {
  configProblem,
  doctorFacts,
  doctorInstances,
  footprintFindings,
  gatewayConfigFindings,
  otherFootprints,
  pluginsNotLoadedLine,
  readHost,
  refreshFacets,
  usableInstances,
  withLoadedPlugins,
} from './host/index.js';
export type { Host, HostInstance, ReadHostOptions } from './host/index.js';
