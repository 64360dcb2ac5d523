import type { ClawportPlugin } from '../plugins/contract.js';
import { PLUGIN_API_VERSION } from '../plugins/contract.js';
import type { ResolvedInstance } from '../instance.js';

/** Upstream's own span per instance (its manager `ocm` reserves the same): B … B+110. */
export const OPENCLAW_SPAN = 111;

/**
 * Upstream's ports besides the base: browser control B+2 (when eager), extension relay B+10, managed
 * Chrome CDP from B+11. Fewer are bound at a time, but any of them may be, so the whole span is one
 * claim that must be free before start: all or nothing.
 */
export const openclawEngineManifest: ClawportPlugin = {
  apiVersion: PLUGIN_API_VERSION,
  id: 'openclaw',
  description: "Upstream OpenClaw's gateway: every port it may bind besides the base",
  claims: () => [{ id: 'openclaw.ports', role: 'openclaw ports', from: 'base', offset: 1, length: OPENCLAW_SPAN - 1, bind: 'loopback' }],
};

/** Upstream's engine requirement (package.json engines.node). */
export const OPENCLAW_NODE_REQUIREMENT = '>=24.16 <25 || >=26.1';

/** Whether a `node --version` (`v24.21.0`) satisfies OPENCLAW_NODE_REQUIREMENT. */
export function nodeSatisfiesOpenclaw(version: string): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major === 24) return minor >= 16;
  if (major === 26) return minor >= 1;
  return major > 26;
}

/** Where upstream was found and under which Node it would run. */
export interface LocatedOpenclaw {
  /** The command as found (config, env or PATH). */
  command: string;
  /** How it was found, for the one line `doctor` and `gateway engine` print. */
  source: 'clawport.json' | 'CLAWPORT_OPENCLAW_COMMAND' | 'PATH';
  /** Its entry script (`…/openclaw/openclaw.mjs`) when the command resolves to one; run with `node`. */
  script?: string;
  /** The Node that runs it, and that Node's version. */
  node: string;
  nodeVersion?: string;
  /** Upstream's package version, when its package.json is readable. */
  version?: string;
}

/** One line: what runs and whether it can, e.g. `openclaw 2026.9.6 at … (PATH) on Node v24.21.0: ok`. */
export function describeLocated(l: LocatedOpenclaw): { ok: boolean; line: string } {
  const what = `openclaw${l.version ? ` ${l.version}` : ''} at ${l.command} (from ${l.source})`;
  if (!l.nodeVersion) return { ok: false, line: `${what}: cannot run ${l.node} --version; put Node ${OPENCLAW_NODE_REQUIREMENT} on PATH` };
  if (!nodeSatisfiesOpenclaw(l.nodeVersion)) {
    return { ok: false, line: `${what} needs Node ${OPENCLAW_NODE_REQUIREMENT}, but ${l.node} is ${l.nodeVersion}; put a newer Node first on PATH` };
  }
  return { ok: true, line: `${what} on Node ${l.nodeVersion}` };
}

/** Variables that would point upstream at another instance or port; the plan sets its own. */
const INSTANCE_ENV = ['OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_GATEWAY_PORT', 'OPENCLAW_GATEWAY_TOKEN'];

export interface StartPlan {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
}

/**
 * How upstream's gateway runs for an instance: base port, loopback and token on the command line,
 * the instance's home, state dir and config path in its environment, inherited instance variables
 * removed (upstream issue #111128: an inherited OPENCLAW_STATE_DIR silently overrode `--profile`).
 * The token goes by flag: upstream does not save `--token`, and the process list is the user's own.
 */
export function openclawStartPlan(
  instance: ResolvedInstance,
  located: LocatedOpenclaw,
  token: string,
  env: Record<string, string | undefined>,
  config: { gateway?: { mode?: unknown } } = {},
): StartPlan {
  const childEnv: Record<string, string | undefined> = { ...env };
  for (const key of INSTANCE_ENV) delete childEnv[key];
  Object.assign(childEnv, { OPENCLAW_HOME: instance.home, OPENCLAW_STATE_DIR: instance.stateDir, OPENCLAW_CONFIG_PATH: instance.configPath });
  const profileArgs = instance.custom || instance.profile === 'default' ? [] : ['--profile', instance.profile];
  const gatewayArgs = ['gateway', '--port', String(instance.port), '--bind', 'loopback', '--token', token];
  // A config Clawport's setup wrote has no gateway.mode; upstream then blocks the start ("existing config
  // is missing gateway.mode") unless told this is deliberate. A mode upstream's wizard set keeps its guard.
  if (config.gateway?.mode === undefined) gatewayArgs.push('--allow-unconfigured');
  // The entry script runs under the Node that passed the version check, whatever `node` PATH names.
  return located.script
    ? { command: located.node, args: [located.script, ...profileArgs, ...gatewayArgs], env: childEnv }
    : { command: located.command, args: [...profileArgs, ...gatewayArgs], env: childEnv };
}

/**
 * Upstream's device-auth signature payload, v3 (its docs/gateway/protocol/auth.md, checked against the
 * package's `buildDeviceAuthPayloadV3`): fields joined by `|`, platform and device family lower-cased.
 */
export function deviceAuthPayloadV3(p: {
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  signedAtMs: number;
  token?: string;
  nonce: string;
  platform?: string;
  deviceFamily?: string;
}): string {
  const norm = (v?: string) => (v ?? '').trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
  return ['v3', p.deviceId, p.clientId, p.clientMode, p.role, p.scopes.join(','), String(p.signedAtMs), p.token ?? '', p.nonce, norm(p.platform), norm(p.deviceFamily)].join('|');
}
