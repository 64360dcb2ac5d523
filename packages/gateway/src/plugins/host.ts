import {
  ClawportError,
  PortConflictError,
  type ClawportPlugin,
  type GatewayHandle,
  type OpenClawConfig,
  type ResolvedClaim,
  type ResolvedInstance,
  type RunningService,
  type ServiceContext,
  type Footprint,
} from '@clawport/core';
import { canBind, type DiscoveredInstance } from '@clawport/core/node';
import type { GatewayLogger } from '../log/logger.js';
import type { MethodRegistry } from '../methods/registry.js';
import { conflict } from '../startup/preflight.js';
import { describePortOwner } from '../startup/owner.js';

export interface PluginHostOptions {
  instance: ResolvedInstance;
  config: OpenClawConfig;
  token: string;
  gatewayHost: string;
  log: GatewayLogger;
  methods: MethodRegistry;
  gateway: Omit<GatewayHandle, 'registerMethod'>;
  footprint: Footprint;
  others: readonly DiscoveredInstance[];
  otherFootprints: readonly Footprint[];
}

interface Started {
  id: string;
  service: RunningService;
  claims: ResolvedClaim[];
}

/** A bind conflict inside a plugin's start: the whole gateway must not start (all or none). */
function bindConflictPort(e: unknown): number | undefined {
  const err = e as NodeJS.ErrnoException & { port?: number };
  if (err && (err.code === 'EADDRINUSE' || err.code === 'EACCES') && typeof err.port === 'number') return err.port;
  return undefined;
}

/** One line for a plugin's failure: a typed error's line, else the message of whatever was thrown. */
function errorLine(e: unknown): string {
  return e instanceof ClawportError ? e.toLine() : (e as Error)?.message ?? String(e);
}

/**
 * Starts plugin services in order with their resolved ports and stops them in reverse. A plugin that
 * throws is reported by id and the rest keeps running; a port conflict is fatal (start all or none).
 */
export class PluginHost {
  readonly started: Started[] = [];
  readonly errors: Array<{ id: string; message: string }> = [];

  constructor(private readonly o: PluginHostOptions) {}

  async startAll(plugins: readonly ClawportPlugin[], skip: ReadonlySet<string>): Promise<void> {
    for (const plugin of plugins) {
      if (!plugin.start || skip.has(plugin.id)) continue;
      // enabled() is third-party code too: a throw there fails this plugin alone, like a throw in start.
      let enabled: boolean;
      try {
        enabled = !plugin.enabled || plugin.enabled(this.o.config);
      } catch (e) {
        const message = `enabled() threw: ${errorLine(e)}`;
        this.errors.push({ id: plugin.id, message });
        this.o.log.error('plugin failed to start', { plugin: plugin.id, error: message });
        continue;
      }
      if (!enabled) continue;
      const claims = this.o.footprint.claims.filter((c) => c.owner === plugin.id);
      try {
        const service = await plugin.start(this.context(plugin, claims));
        this.started.push({ id: plugin.id, service, claims });
        this.o.log.info('plugin started', { plugin: plugin.id, ports: claims.map((c) => `${c.role} ${c.start}`) });
      } catch (e) {
        this.o.methods.removeOwner(plugin.id);
        if (e instanceof PortConflictError) throw e;
        const port = bindConflictPort(e);
        if (port !== undefined) {
          const claim = claims.find((c) => port >= c.start && port <= c.end) ?? { id: plugin.id, role: plugin.id, owner: plugin.id, bind: 'loopback', start: port, end: port };
          throw conflict(this.o.instance, claim, port, await describePortOwner(port, this.o.others));
        }
        const message = errorLine(e);
        const leftBound = await this.boundLeftovers(claims);
        this.errors.push({ id: plugin.id, message: leftBound ? `${message} (left ${leftBound} bound)` : message });
        this.o.log.error('plugin failed to start', { plugin: plugin.id, error: message });
      }
    }
  }

  /** Single-port claims of a failed plugin that are still bound: reported so the leak is visible. */
  private async boundLeftovers(claims: ResolvedClaim[]): Promise<string | undefined> {
    const bound: number[] = [];
    for (const c of claims) {
      if (c.start !== c.end) continue;
      if (!(await canBind(c.start, c.bind === 'loopback' ? '127.0.0.1' : this.o.gatewayHost))) bound.push(c.start);
    }
    return bound.length ? `port ${bound.join(', ')}` : undefined;
  }

  private context(plugin: ClawportPlugin, claims: ResolvedClaim[]): ServiceContext {
    const ports: ServiceContext['ports'] = {};
    for (const c of claims) ports[c.id] = { start: c.start, end: c.end };
    return {
      instance: this.o.instance,
      config: this.o.config,
      ports,
      gatewayHost: this.o.gatewayHost,
      token: this.o.token,
      log: this.o.log.child({ plugin: plugin.id }),
      gateway: {
        ...this.o.gateway,
        registerMethod: (name, handler, options) => this.o.methods.register(name, (params) => handler(params), plugin.id, undefined, options?.params),
      },
      otherFootprints: () => Promise.resolve(this.o.otherFootprints.map((f) => ({ instance: f.instance, claims: f.claims }))),
    };
  }

  /** Stops in reverse start order; one plugin failing to stop does not keep the others running. */
  async stopAll(): Promise<void> {
    while (this.started.length > 0) {
      const s = this.started.pop()!;
      try {
        await s.service.stop();
      } catch (e) {
        this.o.log.error('plugin failed to stop', { plugin: s.id, error: (e as Error)?.message });
      }
      this.o.methods.removeOwner(s.id);
    }
  }

  status(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const s of this.started) {
      let detail: unknown;
      try {
        detail = s.service.status?.();
      } catch (e) {
        detail = { error: (e as Error)?.message };
      }
      out[s.id] = { state: 'running', ports: s.claims.map((c) => ({ id: c.id, role: c.role, start: c.start, end: c.end })), ...(detail === undefined ? {} : { detail }) };
    }
    for (const e of this.errors) out[e.id] = { state: 'failed', error: e.message };
    return out;
  }
}
