import { PluginError, UsageError, browserManifest, isDefaultProfile, type ClawportPlugin, type RunningService, type ServiceContext } from '@clawport/core';
import { startControlServer } from './http/server.js';
import { dispatch } from './http/router.js';
import { BrowserManager } from './manager.js';
import { configFileStore, type ProfileStore } from './profiles/store.js';
import type { BrowserRequest } from './types.js';

export interface BrowserServiceOptions {
  /** Address of the control service. Anything but loopback is a ConfigError; exists so that is testable. */
  host?: string;
  /** Where created profiles are persisted; default: the instance's config file. */
  store?: ProfileStore;
  launchTimeoutMs?: number;
  attachTimeoutMs?: number;
  maxBodyBytes?: number;
}

export interface BrowserService extends RunningService {
  controlPort: number;
  manager: BrowserManager;
}

/** Checks `browser.request` params: `{method, path, body?}` as a WS client sends them. */
function parseRequest(params: unknown): BrowserRequest {
  const p = (params ?? {}) as Partial<BrowserRequest>;
  const method = typeof p.method === 'string' ? p.method.toUpperCase() : 'GET';
  if (!['GET', 'POST', 'DELETE'].includes(method)) throw new UsageError(`browser.request: method ${String(p.method)} is not GET, POST or DELETE`);
  if (typeof p.path !== 'string' || !p.path.startsWith('/')) throw new UsageError('browser.request: path must start with /', 'e.g. {"path":"/tabs"}');
  if (p.body !== undefined && (p.body === null || typeof p.body !== 'object' || Array.isArray(p.body))) {
    throw new UsageError('browser.request: body must be an object');
  }
  return { method: method as BrowserRequest['method'], path: p.path, ...(p.body ? { body: p.body } : {}) };
}

/** Starts the browser control service for one instance on its resolved claims. */
export async function startBrowserService(ctx: ServiceContext, options: BrowserServiceOptions = {}): Promise<BrowserService> {
  const control = ctx.ports['browser.control'];
  const band = ctx.ports['browser.cdp'];
  if (!control || !band) throw new PluginError('browser', 'started without its browser.control and browser.cdp claims');
  const manager = new BrowserManager({
    config: ctx.config,
    stateDir: ctx.instance.stateDir,
    controlPort: control.start,
    band,
    otherFootprints: ctx.otherFootprints,
    store: options.store ?? configFileStore(ctx.instance),
    log: ctx.log,
    cli: `clawport${isDefaultProfile(ctx.instance.profile) ? '' : ` --profile ${ctx.instance.profile}`}`,
    launchTimeoutMs: options.launchTimeoutMs,
    attachTimeoutMs: options.attachTimeoutMs,
  });
  const server = await startControlServer({
    host: options.host ?? '127.0.0.1',
    port: control.start,
    token: ctx.token,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    handle: (req) => dispatch(manager, req),
  });
  // WS clients are already authenticated by the gateway: the same routes, in process, no HTTP hop.
  ctx.gateway.registerMethod('browser.request', (params) => {
    const req = parseRequest(params);
    const url = new URL(req.path, 'http://127.0.0.1');
    return dispatch(manager, { method: req.method, path: url.pathname, query: url.searchParams, body: req.body ?? {} });
  }, { params: ['method', 'path', 'body'] });
  ctx.log.info('browser control service listening', { host: '127.0.0.1', port: control.start });
  return {
    controlPort: control.start,
    manager,
    status: () => ({ controlPort: control.start, profiles: manager.listProfiles() }),
    stop: async () => {
      await server.close();
      await manager.stopAll();
    },
  };
}

/** The browser plugin: core's manifest (claims: control port, CDP band, explicit cdpPorts) plus the service. */
export const browserPlugin: ClawportPlugin = { ...browserManifest, start: (ctx) => startBrowserService(ctx) };
