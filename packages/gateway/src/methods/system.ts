import { redactSecrets, schemaSecretHint } from '@clawport/core';
import { isServing } from '../server/http.js';
import type { GatewayContext } from './context.js';
import type { MethodRegistry } from './registry.js';

/** `health` and `status`: cheap enough for probes, complete enough for `clawport status`. */
export function registerSystemMethods(methods: MethodRegistry, ctx: GatewayContext): void {
  methods.register('health', () => {
    const rt = ctx.runtime();
    const stats = ctx.stats();
    const services = ctx.services();
    // Every plugin not running: failed to load, bad claims, start threw (runtime pluginErrors), or failed since.
    const failed = [
      ...new Set([
        ...(rt.pluginErrors ?? []).map((e) => e.id),
        ...Object.entries(services)
          .filter(([, s]) => (s as { state?: string }).state === 'failed')
          .map(([id]) => id),
      ]),
    ];
    const readiness = ctx.readiness();
    return {
      // ok = it serves; `status: "degraded"` with pluginsFailed/pluginErrors says what does not run.
      ok: isServing(readiness),
      status: readiness === 'ready' ? (failed.length > 0 ? 'degraded' : 'live') : readiness,
      instance: rt.name,
      profile: rt.profile,
      pid: rt.pid,
      base: rt.base,
      version: ctx.version,
      uptimeMs: Date.now() - rt.startedAt,
      connections: stats.connections,
      pluginsFailed: failed,
      pluginErrors: rt.pluginErrors ?? [],
    };
  }, 'core', 'operator.read', []);

  methods.register('status', () => {
    const rt = ctx.runtime();
    return {
      ...rt,
      ready: isServing(ctx.readiness()),
      readiness: ctx.readiness(),
      uptimeMs: Date.now() - rt.startedAt,
      workspace: ctx.instance.workspace,
      logFile: ctx.log.path,
      // A plugin's status() snapshot goes to any operator.read client: secrets in it are redacted.
      services: redactSecrets(ctx.services(), [], schemaSecretHint(ctx.schema)),
      stats: ctx.stats(),
      warnings: ctx.warnings(),
    };
  }, 'core', 'operator.read', []);
}
