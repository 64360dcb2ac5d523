import type { Server } from 'node:http';
import { join } from 'node:path';
import { LOGS_DIR, mergedConfigSchema, type RuntimeInfo, secretValues } from '@clawport/core';
import { clearStopIntent, processStartTicks, refuseSymlinkedState, removeRuntime, writeRuntime } from '@clawport/core/node';
import { GatewayLogger } from './log/logger.js';
import type { GatewayContext } from './methods/context.js';
import { registerBuiltinMethods } from './methods/index.js';
import { MethodRegistry } from './methods/registry.js';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_MAX_PAYLOAD, TICK_INTERVAL_MS, StartInterrupted, type GatewayOptions, type RunningGateway } from './options.js';
import { acceptPlugins } from './plugins/accept.js';
import { PluginHost } from './plugins/host.js';
import { CORE_EVENTS } from './protocol/types.js';
import { ControlPlane } from './server/control-plane.js';
import { createHealthServer, isServing, type Readiness } from './server/http.js';
import { checkAuthPolicy, resolveToken } from './startup/auth-policy.js';
import { listenExclusive } from './startup/listen.js';
import { acquireStateLock } from './startup/lock.js';
import { preflight } from './startup/preflight.js';
import { Watcher } from './watch/watcher.js';

/**
 * Starts one gateway: lock the state dir, prove the whole footprint free, bind the base port, start
 * plugin services in order, write the runtime file. Any failure before "ready" undoes everything it
 * did (listeners closed, plugins stopped, lock released), so a refused start leaves nothing behind.
 */
export async function startGateway(o: GatewayOptions): Promise<RunningGateway> {
  const { instance, config } = o;
  const policy = checkAuthPolicy(config, o.bind);
  const accepted = acceptPlugins(o.plugins);
  const plugins = accepted.plugins;
  await refuseSymlinkedState(instance.stateDir);
  const lock = await acquireStateLock(instance);

  let server: Server | undefined;
  let plane: ControlPlane | undefined;
  let host: PluginHost | undefined;
  let readiness: Readiness = 'starting';
  const undo = async () => {
    readiness = 'stopping';
    await host?.stopAll();
    await plane?.close(1001, 'gateway stopping');
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
    }
  };

  try {
    const token = await resolveToken(instance.stateDir, config, o.token);
    const log = new GatewayLogger({
      dir: join(instance.stateDir, LOGS_DIR),
      level: config.logging?.level,
      maxFileBytes: config.logging?.maxFileBytes,
      maxFiles: config.logging?.maxFiles,
      // Tokens, and every value a schema marks secret (a plugin's webhook URL), never reach the log text.
      secrets: [token, ...(config.gateway?.auth?.tokens ?? []).map((t) => t.token), ...secretValues(config, mergedConfigSchema(plugins))],
      base: { instance: instance.name },
      echo: o.echoLog,
    });
    // A stop asked for during start-up undoes the start at the next phase boundary: never ready.
    const interrupted = (phase: string) => {
      if (!o.abort?.aborted) return;
      log.warn('start-up interrupted: undoing it, the gateway never becomes ready', { phase });
      throw new StartInterrupted(`gateway ${instance.name} stopped during start-up (${phase}), before it was ready`);
    };
    const checked = await preflight(instance, config, plugins);
    for (const w of checked.warnings) log.warn(w);
    interrupted('after preflight');

    const methods = new MethodRegistry();
    const emitted = new Set<string>(['canvas.reload']);
    const startedAt = Date.now();
    const pluginErrors = () => [
      ...[...(o.pluginLoadErrors ?? []), ...accepted.errors, ...checked.pluginErrors].map((e) => ({
        id: e.pluginId,
        message: e.toLine().replace(/^plugin [^:]+: /, ''),
      })),
      ...(host?.errors ?? []),
    ];
    const runningIds = () => new Set(['core', ...(host?.started.map((s) => s.id) ?? [])]);
    const startTicks = processStartTicks(process.pid);
    const runtime = (): RuntimeInfo => ({
      pid: process.pid,
      ...(startTicks !== undefined ? { startTicks } : {}),
      profile: instance.profile,
      name: instance.name,
      version: o.version,
      startedAt,
      host: policy.host,
      base: instance.port,
      ports: checked.footprint.claims
        .filter((c) => runningIds().has(c.owner))
        .map((c) => ({ id: c.id, role: c.role, owner: c.owner, start: c.start, end: c.end, host: c.bind === 'loopback' ? '127.0.0.1' : policy.host, bind: c.bind })),
      configPath: instance.configPath,
      stateDir: instance.stateDir,
      ...(pluginErrors().length ? { pluginErrors: pluginErrors() } : {}),
    });

    plane = new ControlPlane({
      version: o.version,
      token: policy.authRequired ? token : undefined,
      scopedTokens: config.gateway?.auth?.tokens,
      maxPayload: config.gateway?.maxPayload ?? DEFAULT_MAX_PAYLOAD,
      handshakeTimeoutMs: config.gateway?.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
      tickIntervalMs: TICK_INTERVAL_MS,
      log,
      methods,
      snapshot: () => {
        const rt = runtime();
        return { instance: rt.name, profile: rt.profile, base: rt.base, ports: rt.ports, uptimeMs: Date.now() - startedAt, ready: isServing(readiness), status: readiness, pluginErrors: rt.pluginErrors ?? [] };
      },
      events: () => [...new Set([...CORE_EVENTS, ...emitted])],
    });
    const emit = (event: string, payload: unknown) => {
      emitted.add(event);
      plane!.broadcast(event, payload);
    };
    const ctx: GatewayContext = {
      instance,
      version: o.version,
      token,
      log,
      plugins,
      schema: mergedConfigSchema(plugins),
      runtime,
      readiness: () => readiness,
      stats: () => ({ ...plane!.stats, rpcCalls: { ...plane!.stats.rpcCalls } }),
      services: () => host?.status() ?? {},
      warnings: () => [...instance.warnings, ...checked.warnings],
      emit,
      hooks: o.hooks ?? {},
    };
    registerBuiltinMethods(methods, ctx);

    server = createHealthServer(() => readiness, () => pluginErrors().map((e) => e.id));
    plane.attach(server);
    const gatewayClaim = checked.footprint.claims.find((c) => c.id === 'gateway')!;
    await listenExclusive(server, instance.port, policy.host, { instance, claim: gatewayClaim, others: checked.others });
    interrupted('after binding the base port');

    host = new PluginHost({
      instance,
      config,
      token,
      gatewayHost: policy.host,
      log,
      methods,
      gateway: { emit, stats: () => ctx.stats() },
      footprint: checked.footprint,
      others: checked.others,
      otherFootprints: checked.otherFootprints,
    });
    await host.startAll(plugins, new Set(checked.pluginErrors.map((e) => e.pluginId)));
    interrupted("after the plugins' start");
    for (const e of pluginErrors()) emit('plugin.error', e);

    await writeRuntime(instance.stateDir, runtime());
    // Running again ends a stop on purpose: from now on a watcher counts this gateway's failures.
    await clearStopIntent(instance.stateDir);
    // A plugin that failed for a reason other than a port (a port conflict refused the whole start in
    // preflight/startAll) leaves the gateway running without it: degraded, said by /readyz, health,
    // status, the runtime file (pluginErrors) and doctor, never "ready".
    const failed = pluginErrors();
    readiness = failed.length > 0 ? 'degraded' : 'ready';
    const watcher = new Watcher(ctx);
    watcher.start();
    const url = `ws://${policy.host}:${instance.port}/`;
    const ports = runtime().ports.map((p) => `${p.role} ${p.start}`);
    if (failed.length === 0) log.info('gateway ready', { url, ports });
    else log.warn('gateway degraded', { url, ports, pluginsFailed: failed.map((e) => e.id), pluginErrors: failed });

    let resolveClosed!: () => void;
    const closed = new Promise<void>((r) => (resolveClosed = r));
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        log.info('gateway stopping');
        await watcher.stop();
        await undo();
        await removeRuntime(instance.stateDir);
        await lock.release();
        log.info('gateway stopped');
        resolveClosed();
      })());
    server.on('error', (e) => {
      log.error('gateway server failed', { error: e.message });
      void stop();
    });
    return { runtime: runtime(), stop, closed };
  } catch (e) {
    await undo().catch(() => undefined);
    await lock.release();
    throw e;
  }
}
