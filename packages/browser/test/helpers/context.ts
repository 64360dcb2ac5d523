import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  browserManifest,
  resolveFootprint,
  resolveInstance,
  resolveInstancePaths,
  type GatewayHandle,
  type OpenClawConfig,
  type PluginLogger,
  type ResolvedClaim,
  type RpcHandler,
  type ServiceContext,
} from '@clawport/core';

/**
 * What the tests add to every Chromium they launch (product defaults keep real DNS): a resolver that
 * keeps every lookup on loopback, so no test can reach the network whatever page it opens.
 */
export const TEST_LOCKDOWN = ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1'] as const;

/** A real temp home (OPENCLAW_HOME) shared by the instances of one test file. */
export async function tempHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'clawport-browser-'));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}

export interface TestInstance {
  name: string;
  ctx: ServiceContext;
  claims: ResolvedClaim[];
  token: string;
  /** Methods the plugin registered on the gateway, by name. */
  methods: Map<string, RpcHandler>;
  logs: Array<{ level: string; msg: string }>;
  controlPort: number;
  band: { start: number; end: number };
}

/**
 * A real ServiceContext for profile `name` at base port `base`: resolved paths in the temp home, the
 * config written to disk (the plugin persists profiles into it), claims resolved by core from the
 * browser manifest, and a gateway handle that records what the plugin registers.
 */
export async function makeInstance(
  home: string,
  name: string,
  base: number,
  config: OpenClawConfig = {},
  others: () => Array<{ instance: string; claims: ResolvedClaim[] }> = () => [],
): Promise<TestInstance> {
  // Every Chromium a test launches gets the test's own lock-down: no lookup leaves loopback.
  const full: OpenClawConfig = { ...config, gateway: { ...config.gateway, port: base }, browser: { extraArgs: [...TEST_LOCKDOWN], ...config.browser } };
  const paths = resolveInstancePaths({ profile: name }, { OPENCLAW_HOME: home }, home);
  const instance = resolveInstance(paths, full, {});
  await mkdir(instance.stateDir, { recursive: true, mode: 0o700 });
  await writeFile(instance.configPath, JSON.stringify(full, null, 2), { mode: 0o600 });
  const { footprint, errors } = resolveFootprint(name, base, full, [browserManifest]);
  if (errors.length > 0) throw errors[0];
  const ports: ServiceContext['ports'] = {};
  for (const c of footprint.claims) if (c.owner === 'browser') ports[c.id] = { start: c.start, end: c.end };
  const methods = new Map<string, RpcHandler>();
  const logs: TestInstance['logs'] = [];
  const log = (level: string) => (msg: string) => void logs.push({ level, msg });
  const logger: PluginLogger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const gateway: GatewayHandle = {
    registerMethod: (method, handler) => void methods.set(method, handler),
    emit: () => undefined,
    stats: () => ({ startedAt: Date.now(), connections: 0, connectionsTotal: 0, rpcCalls: {}, rpcErrors: 0 }),
  };
  const token = randomBytes(24).toString('hex');
  const ctx: ServiceContext = {
    instance,
    config: full,
    ports,
    gatewayHost: '127.0.0.1',
    token,
    log: logger,
    gateway,
    otherFootprints: () => Promise.resolve(others()),
  };
  return {
    name,
    ctx,
    claims: footprint.claims,
    token,
    methods,
    logs,
    controlPort: ports['browser.control'].start,
    band: ports['browser.cdp'],
  };
}

/** Calls the `browser.request` RPC the plugin registered, as a gateway WS client would. */
// Route answers are JSON of many shapes; tests narrow them with assertions, hence `any` here only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function rpc(inst: TestInstance, method: string, path: string, body?: Record<string, unknown>): Promise<Json> {
  const handler = inst.methods.get('browser.request');
  if (!handler) throw new Error(`${inst.name}: browser.request was not registered`);
  return (await handler({ method, path, ...(body ? { body } : {}) })) as Json;
}

/** Plain HTTP to the control service (node:http, so tests may set Host and Sec-Fetch-* freely). */
export function http(
  port: number,
  method: string,
  path: string,
  opts: { token?: string; headers?: Record<string, string>; body?: string | object } = {},
): Promise<{ status: number; json: Json }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
