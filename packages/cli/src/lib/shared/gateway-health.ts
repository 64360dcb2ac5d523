import { GatewayError, probeStateLabel } from '@clawport/core';
import type { GatewayClient } from '@clawport/gateway/client';
import type { HealthProbe, ProbeTarget } from './probe.js';

/**
 * Health of a running gateway over its WebSocket control plane: handshake with the token, then one
 * `health` call (HTTP /readyz when no token is known). The client is imported lazily so commands that
 * never talk to a gateway do not pay for loading `ws`.
 */
export async function probeGatewayHealth(target: ProbeTarget): Promise<HealthProbe> {
  if (target.engine === 'openclaw') return probeOpenclawHealth(target);
  const { probeGateway } = await import('@clawport/gateway/client');
  const r = await probeGateway({ host: target.host, port: target.port, token: target.token, timeoutMs: 2000, details: true });
  const failed = degradedPlugins(r.health);
  return {
    ok: r.healthy,
    status: r.healthy ? (failed ? 'degraded' : 'healthy') : r.error?.includes('ECONNREFUSED') ? 'unreachable' : 'unhealthy',
    ...(failed ? { pluginsFailed: failed } : {}),
    ...(r.latencyMs !== undefined ? { latencyMs: r.latencyMs } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.services ? { services: r.services as HealthProbe['services'] } : {}),
  };
}

/** The plugins a serving gateway runs without (its `health` or `/readyz` said `degraded`), or undefined. */
export function degradedPlugins(health: unknown): Array<{ id: string; message?: string }> | undefined {
  const h = health as { status?: unknown; pluginsFailed?: unknown; pluginErrors?: unknown } | undefined;
  if (h?.status !== 'degraded') return undefined;
  const errors = Array.isArray(h.pluginErrors) ? (h.pluginErrors as Array<{ id: string; message?: string }>) : [];
  const ids = Array.isArray(h.pluginsFailed) ? (h.pluginsFailed as string[]) : errors.map((e) => e.id);
  return ids.map((id) => ({ id, ...(errors.find((e) => e.id === id)?.message !== undefined ? { message: errors.find((e) => e.id === id)!.message } : {}) }));
}

/** One line: `runs without broken (cannot reach its backend), other`. */
export function degradedLine(failed: ReadonlyArray<{ id: string; message?: string }>): string {
  return `runs without ${failed.map((f) => (f.message ? `${f.id} (${f.message})` : f.id)).join(', ')}`;
}

/** A connected client, or a GatewayError naming the instance and what to do. Close it when done. */
export async function connectGateway(name: string, target: ProbeTarget & { url: string }): Promise<GatewayClient> {
  const { GatewayClient } = await import('@clawport/gateway/client');
  try {
    return await GatewayClient.connect({ url: target.url, token: target.token, timeoutMs: 3000, clientId: 'openclaw-cli' });
  } catch (e) {
    throw new GatewayError(
      `cannot reach the gateway of ${name} at ${target.url}: ${(e as Error).message}`,
      `is it running? clawport${name === 'default' ? '' : ` --profile ${name}`} status`,
    );
  }
}

/**
 * Upstream's gateway, through its own v4 handshake signed with this profile's device identity (created
 * 0600 on first use, never shared between profiles). The honest state goes into `engine`.
 */
async function probeOpenclawHealth(target: ProbeTarget): Promise<HealthProbe> {
  const [{ probeOpenclaw }, { loadDeviceIdentity }] = await Promise.all([import('@clawport/gateway/client'), import('@clawport/core/node')]);
  const identity = target.stateDir ? await loadDeviceIdentity(target.stateDir) : undefined;
  const probe = await probeOpenclaw({ host: target.host, port: target.port, token: target.token, identity, expectRunning: target.expectRunning });
  if (probe.state === 'port-held') {
    const { listenerPid, describePid } = await import('@clawport/core/node');
    const pid = await listenerPid(target.port);
    if (pid !== undefined) {
      const who = await describePid(pid);
      probe.holder = { pid, command: who };
      probe.detail = `port ${target.port} is held by ${who}, not an OpenClaw gateway`;
    }
  }
  return {
    ok: probe.state === 'live',
    status: probeStateLabel(probe.state),
    ...(probe.latencyMs !== undefined ? { latencyMs: probe.latencyMs } : {}),
    ...(probe.state === 'live' ? {} : { error: probe.detail }),
    engine: probe,
  };
}
