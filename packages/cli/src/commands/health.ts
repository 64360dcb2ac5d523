import { readEngineSettings } from '@clawport/core/node';
import { degradedLine, degradedPlugins, probeGatewayHealth } from '../lib/shared/gateway-health.js';
import { BaseCommand } from '../base-command.js';

export interface HealthResult {
  name: string;
  url: string;
  ok: boolean;
  latencyMs: number;
  /** The gateway's `health` payload as it answered. */
  health: unknown;
}

export default class Health extends BaseCommand<typeof Health> {
  static override description = "Call the gateway's health RPC once over the WebSocket control plane; exit 1 when unhealthy, degraded (a plugin not running) or unreachable";
  static override examples = ['<%= config.bin %> --profile rescue health', '<%= config.bin %> health --json'];
  static override enableJsonFlag = true;

  public async run(): Promise<HealthResult> {
    const ctx = await this.loadInstance();
    const endpoint = await this.gatewayEndpoint(ctx);
    const t0 = performance.now();
    if (ctx.runtime?.engine === 'openclaw' || (await readEngineSettings(ctx.paths.stateDir)).engine === 'openclaw') {
      // Upstream's gateway answers its own handshake (device identity, scopes): the engine's probe speaks it.
      const probe = await probeGatewayHealth({ host: endpoint.host, port: endpoint.port, token: endpoint.token, engine: 'openclaw', stateDir: ctx.paths.stateDir, expectRunning: ctx.runtime !== undefined });
      const latency = probe.latencyMs ?? Math.round((performance.now() - t0) * 10) / 10;
      this.log(`${ctx.instance.name}: ${probe.ok ? this.paint('green', 'healthy') : this.paint('red', probe.status)} (${endpoint.url}, openclaw${probe.engine?.version ? ` ${probe.engine.version}` : ''}, ${latency} ms)${probe.ok ? '' : `: ${probe.error}`}`);
      if (!probe.ok) process.exitCode = 1;
      return { name: ctx.instance.name, url: endpoint.url, ok: probe.ok, latencyMs: latency, health: probe.engine };
    }
    const client = await this.connectGateway(ctx);
    let health: { ok?: boolean };
    try {
      health = await client.call<{ ok?: boolean }>('health', undefined, 5000);
    } finally {
      await client.close();
    }
    const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
    // Degraded serves, but is not healthy: a plugin is not running (exit 1, naming it).
    const failed = degradedPlugins(health);
    const ok = health?.ok === true && !failed;
    const state = ok ? this.paint('green', 'healthy') : failed ? this.paint('yellow', 'degraded') : this.paint('red', 'unhealthy');
    this.log(`${ctx.instance.name}: ${state} (${endpoint.url}, ${latencyMs} ms)${failed ? `: ${degradedLine(failed)}` : ''}`);
    if (!ok) process.exitCode = 1;
    return { name: ctx.instance.name, url: endpoint.url, ok, latencyMs, health };
  }
}
