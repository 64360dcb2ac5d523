import {
  browserManifest,
  canvasManifest,
  resolveFootprint,
  resolveInstance,
  resolveInstancePaths,
  type GatewayHandle,
  type GatewayStats,
  type OpenClawConfig,
  type PluginLogger,
  type RpcHandler,
  type ServiceContext,
} from '@clawport/core';
import metricsPlugin from '../../src/index.js';

/** A gateway handle whose counters the test moves by hand; it is what the plugin reads, nothing more. */
export class CountingGateway implements GatewayHandle {
  readonly methods = new Map<string, RpcHandler>();
  readonly events: Array<{ event: string; payload: unknown }> = [];
  counters: GatewayStats = { startedAt: Date.now(), connections: 0, connectionsTotal: 0, rpcCalls: {}, rpcErrors: 0 };
  failStats = false;
  registerMethod(name: string, handler: RpcHandler): void {
    this.methods.set(name, handler);
  }
  emit(event: string, payload: unknown): void {
    this.events.push({ event, payload });
  }
  stats(): GatewayStats {
    if (this.failStats) throw new Error('stats unavailable');
    return structuredClone(this.counters);
  }
}

export interface LogLine {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

/** A real ServiceContext for `profile` in `home`, with the metrics claim resolved from the footprint. */
export function serviceContext(home: string, profile: string, base: number, config: OpenClawConfig = {}) {
  const paths = resolveInstancePaths({ profile }, { OPENCLAW_HOME: home }, home);
  const instance = resolveInstance(paths, { ...config, gateway: { ...config.gateway, port: base } }, {});
  const { footprint, errors } = resolveFootprint(profile, base, config, [browserManifest, canvasManifest, metricsPlugin]);
  if (errors.length > 0) throw errors[0];
  const ports = Object.fromEntries(
    footprint.claims.filter((c) => c.owner === 'metrics').map((c) => [c.id, { start: c.start, end: c.end }]),
  );
  const logs: LogLine[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void logs.push({ level, msg, fields });
  const log: PluginLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  const gateway = new CountingGateway();
  const ctx: ServiceContext = {
    instance,
    config,
    ports,
    gatewayHost: '127.0.0.1',
    token: 'test-token-not-a-secret-0123456789',
    log,
    gateway,
    otherFootprints: () => Promise.resolve([]),
  };
  return { ctx, gateway, logs };
}
