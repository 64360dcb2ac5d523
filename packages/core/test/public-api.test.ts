import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../src/index.js';
import * as coreNode from '../src/node/index.js';

// Core's public API is a deliberate list (issue 13 item 3; docs/explanation/host-model.md, "What core
// makes public"). Adding or dropping a name is a decision: change the entry (src/index.ts or
// src/node/index.ts) AND the list below in the same commit. Internal helpers stay unexported; core's own
// tests import them by relative path.

const CORE_VALUES = [
  'ALLOW_SHARED_PLACES_ENV', 'AllocationError', 'BACKENDS', 'BROWSER_CONTROL_OFFSET',
  'CANVAS_OFFSET', 'ClawportError', 'ConfigError', 'DEFAULT_BACKOFF',
  'DEFAULT_BASE_PORT', 'DEFAULT_ENGINE', 'ENGINE_IDS', 'GatewayError', 'LOCK_FILE', 'LOGS_DIR', 'MAX_PORT', 'MIN_PORT',
  'PLUGIN_API_VERSION', 'PluginError', 'PortConflictError', 'PortRangeError', 'ProfileError', 'REDACTED',
  'RUNTIME_FILE', 'SCOPES', 'SERVICE_LOG_FILE', 'SUPERVISOR_LOG_FILE', 'SUPERVISOR_PID_FILE',
  'SUPERVISOR_RECORD_FILE', 'SUPERVISOR_STATE_FILE', 'ServiceError', 'StateDirLockedError',
  'StateSymlinkError', 'UsageError', 'WireError', 'allocateBase', 'browserManifest', 'builtinManifests',
  'canvasManifest', 'changedKeys', 'changedProtectedKeys', 'channelCredentials', 'chooseBackend',
  'chromesOf', 'clawportPluginSpecs', 'configJsonSchema', 'configProblems', 'configSchema', 'configSection',
  'configuredBase', 'connectHost', 'defaultBasePort', 'defaultWorkspace', 'definePlugin', 'describeClaim',
  'describeLocated', 'deviceAuthPayloadV3', 'engineReadyLimitMs', 'exitCodeOfWireCode', 'expandHome', 'fixTheEdit',
  'footprint', 'footprintAt', 'footprintRefusal', 'footprintShape', 'formatCommand', 'formatRange', 'gatewayConfigRefusal', 'getKey', 'grantScopes',
  'hasScope', 'incidentsAbout', 'instanceHome', 'instanceSelection', 'isCliOnlyKey', 'isCoreConfigKey',
  'isDefaultProfile', 'isLoopbackAddress', 'isLoopbackHost', 'isManagedChromiumFlag', 'isSecretKey',
  'joinServiceStatus', 'liftGlobalFlags', 'locateKeyPath', 'mergedConfigSchema', 'openclawEngineManifest',
  'openclawStartPlan', 'overlaps', 'parseBackend', 'parseCliValue', 'parseConfig', 'parseEnvFile',
  'parsePort', 'parseProfileName', 'parseRuntimeInfo', 'parseSupervisorRecord', 'probeStateLabel', 'redactSecrets',
  'redactUrlPassword', 'resolveFootprint', 'resolveInstance', 'resolveInstancePaths', 'resolvedRecently',
  'restoreEchoedUrlPasswords', 'runDoctor', 'schemaSecretHint', 'scrubText', 'secret', 'secretPaths',
  'secretValues', 'serviceName', 'serviceSpec', 'setKey', 'sharedPlaces', 'splitKeyPath', 'unsetKey', 'validateConfig',
  'watchFindings', 'watchSettings', 'withOpenclawEngine', 'withRuntimePort', 'z',
];
const CORE_TYPES = [
  'AbsoluteClaim', 'BackendChoice', 'BackendId', 'Backoff', 'BindScope', 'BrowserProfileConfig',
  'ClaimContext', 'ClaimSpec', 'ClawportPlugin', 'ConfigSchema', 'DoctorFacts', 'DoctorFinding', 'DoctorInstance',
  'DoctorReport', 'EngineId', 'EngineProbe', 'EngineProbeState', 'EngineSettings', 'Env', 'Finding', 'Footprint',
  'GatewayCommand', 'GatewayHandle', 'GatewayStats', 'GlobalFlags', 'Incident', 'IncidentAction',
  'InstancePaths', 'LocatedOpenclaw', 'OpenClawConfig', 'Overlap', 'Place', 'PluginConfigSection', 'PluginLogger',
  'RelativeClaim', 'RenderOptions', 'Repair', 'ResolvedClaim', 'ResolvedInstance', 'RpcHandler',
  'RunningService', 'RuntimeInfo', 'Scope', 'SecretHint', 'ServiceContext', 'ServiceManifest', 'ServiceSpec',
  'Severity', 'SupervisorRecord', 'UpstreamServiceFile', 'WatchSettings',
];
const NODE_VALUES = [
  'LOOPBACK', 'LockError', 'RecordingRunner', 'appendIncident', 'auditInstalledServices', 'canBind',
  'checkConfigEdit', 'checkPlugin', 'chmodNoFollow', 'clearStopIntent', 'clientToken', 'commandOf', 'configProblem',
  'describePid', 'discoverInstances', 'doctorFacts', 'doctorInstances', 'engineFilePath', 'ensurePrivateDir',
  'ensureToken', 'execRunner', 'findUpstreamServices', 'fixInstalledService', 'footprintFindings', 'gatewayConfigFindings',
  'gatherHostFacts', 'installService', 'instancePlugins', 'isListening', 'isProcessAlive',
  'isRecordedProcess', 'lastGoodPath', 'listListeners', 'listenerPid', 'loadDeviceIdentity', 'loadPlugins',
  'locateOpenclaw', 'managedServiceState', 'operateService', 'otherFootprints', 'pidOfSocketInode',
  'pluginsNotLoadedLine', 'processStartTicks', 'reachesThisHost', 'readConfigFile', 'readEngineSettings',
  'readHost', 'readIncidents', 'readRuntime', 'realPlace', 'readServiceManifest', 'readStopIntent', 'readToken',
  'recordStopIntent', 'refreshFacets', 'refuseSymlinkedState', 'registerInstance', 'removeRuntime',
  'restoreConfigText', 'rollbackConfig', 'signalRecordedProcess', 'tokenPath', 'tryLock', 'uninstallService',
  'updateConfig', 'usableInstances', 'withFileLock', 'withLoadedPlugins', 'writeConfig',
  'writeEngineSettings', 'writeFileAtomic', 'writeRuntime',
];
const NODE_TYPES = [
  'CommandRunner', 'DeviceIdentity', 'DiscoveredInstance', 'HeldLock', 'Host', 'HostInstance',
  'InstallReport', 'InstalledServiceAudit', 'Listener', 'LoadedConfig', 'ReadHostOptions', 'UninstallReport',
];

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');
const sorted = (names: Iterable<string>): string[] => [...names].sort((a, b) => a.localeCompare(b));

/** The names an entry exports as types only (`export type { … } from`), read from its source. */
function typeExports(entry: string): string[] {
  const text = readFileSync(join(HERE, '..', 'src', entry), 'utf8');
  return sorted([...text.matchAll(/export type \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()).filter(Boolean)));
}

/** Source files of every other project (src, tests, scripts): who may use core's public names. */
function otherProjectsSource(): string {
  const skip = new Set(['node_modules', 'dist', 'out', '.vscode-test', 'coverage']);
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (skip.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs|js|cjs)$/.test(name) && !name.endsWith('.d.ts')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  for (const top of ['packages', 'apps', 'tools']) {
    for (const project of readdirSync(join(ROOT, top))) {
      const dir = join(ROOT, top, project);
      if (relative(ROOT, dir) !== join('packages', 'core') && statSync(dir).isDirectory()) walk(dir);
    }
  }
  return texts.join('\n');
}

describe('@clawport/core public API: named on purpose', () => {
  it('@clawport/core exports exactly the listed values and types', () => {
    assert.deepEqual(sorted(Object.keys(core)), sorted(CORE_VALUES), 'values of src/index.ts changed: update CORE_VALUES if that is meant');
    assert.deepEqual(typeExports('index.ts'), sorted(CORE_TYPES), 'types of src/index.ts changed: update CORE_TYPES if that is meant');
  });

  it('@clawport/core/node exports exactly the listed values and types', () => {
    assert.deepEqual(sorted(Object.keys(coreNode)), sorted(NODE_VALUES), 'values of src/node/index.ts changed: update NODE_VALUES if that is meant');
    assert.deepEqual(typeExports('node/index.ts'), sorted(NODE_TYPES), 'types of src/node/index.ts changed: update NODE_TYPES if that is meant');
  });

  it('every public name is used by another project (an unused one is an internal helper: unexport it)', () => {
    const source = otherProjectsSource();
    const unused = [...CORE_VALUES, ...CORE_TYPES, ...NODE_VALUES, ...NODE_TYPES].filter((name) => !new RegExp(`\\b${name}\\b`).test(source));
    // LockError is public though nobody outside core names it: it is one of the typed errors users see.
    assert.deepEqual(unused.filter((n) => n !== 'LockError'), []);
  });

  it('every exported error class is a ClawportError (one hierarchy: code, exit code, suggestion)', () => {
    const errors = Object.entries({ ...core, ...coreNode }).filter(([name, v]) => typeof v === 'function' && name.endsWith('Error'));
    assert.ok(errors.length >= 14, `found ${errors.length} error classes`);
    for (const [name, cls] of errors) {
      const proto = (cls as { prototype?: unknown }).prototype;
      assert.ok(cls === core.ClawportError || proto instanceof core.ClawportError, `${name} is outside the ClawportError hierarchy`);
    }
  });
});
