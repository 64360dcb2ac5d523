import { request } from 'node:http';
import { ErrorCodes } from '../protocol/types.js';
import type { GatewayContext } from './context.js';
import { paramsObject, requiredString, RpcError } from './params.js';
import type { MethodRegistry } from './registry.js';
import { findTarget, listTargets, type Target } from './targets.js';

/** HTTP /readyz of another instance on loopback: no token needed, so a rescue bot can always look. */
export function probeReady(port: number, timeoutMs = 1500): Promise<{ live: boolean; ready: boolean; latencyMs?: number; error?: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ live: true, ready: res.statusCode === 200, latencyMs: Math.round(performance.now() - t0) }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ live: false, ready: false, error: e.message }));
    req.end();
  });
}

function summary(t: Target) {
  const d = t.discovered;
  return {
    name: t.name,
    profile: t.profile,
    self: t.self,
    stateDir: t.stateDir,
    configPath: t.configPath,
    base: t.base,
    running: t.self || d?.runtime !== undefined,
    pid: t.self ? process.pid : d?.runtime?.pid,
    ports: d?.runtime?.ports,
    configError: d?.configError?.toLine(),
  };
}

/** What a rescue bot needs to inspect and repair its siblings. */
export function registerInstanceMethods(methods: MethodRegistry, ctx: GatewayContext): void {
  methods.register('instances.list', async () => ({ instances: (await listTargets(ctx)).map(summary) }), 'core', 'operator.read', []);

  methods.register('instances.status', async (params) => {
    const p = paramsObject(params, 'instances.status');
    const target = await findTarget(ctx, requiredString(p, 'name', 'instances.status'), 'instances.status');
    // target.base is already the runtime file's base when it runs (discovery applies core withRuntimePort).
    return { ...summary(target), health: await probeReady(target.base) };
  }, 'core', 'operator.read', ['name']);

  methods.register('instances.restart', async (params) => {
    const p = paramsObject(params, 'instances.restart');
    const target = await findTarget(ctx, requiredString(p, 'name', 'instances.restart'), 'instances.restart');
    if (!ctx.hooks.restartInstance) throw new RpcError(ErrorCodes.UNAVAILABLE, 'instances.restart: this gateway was started without a service layer');
    ctx.log.warn('restarting instance', { instance: target.name });
    return { instance: target.name, result: (await ctx.hooks.restartInstance(target.name)) ?? null };
  }, 'core', 'operator.write', ['name']);
}
