import { get } from 'node:http';
import type { EngineProbeState } from '@clawport/core';
import type { PluginService } from '../model/snapshot.js';

/** GET http://127.0.0.1:port/healthz → true on `{"ok":true}`; loopback only, short timeout. */
export function probeHealthz(port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 && (JSON.parse(body) as { ok?: unknown }).ok === true);
        } catch {
          resolve(false);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Health (/healthz, as always: cheap and needs no token), and with the instance's token (the user's own
 * file, as the CLI reads it) what each plugin service reports, over the gateway client's probe. The
 * plugin details are best effort: a slow WebSocket answer leaves them out, it never marks the gateway
 * unhealthy. Upstream's engine speaks its own protocol: no token is passed for it.
 */
export async function probeGatewayDetails(port: number, token: string | undefined): Promise<{ healthy: boolean; plugins?: Record<string, PluginService> }> {
  const healthy = await probeHealthz(port);
  if (!token || !healthy) return { healthy };
  const { probeGateway } = await import('@clawport/gateway/client');
  const r = await probeGateway({ port, token, timeoutMs: 5000, details: true });
  return { healthy, ...(r.services ? { plugins: r.services as Record<string, PluginService> } : {}) };
}

/**
 * An upstream OpenClaw gateway's honest state, as `clawport status` names it: its own v4 handshake
 * with the profile's token and device identity (core/node, 0600 per profile). live, starting,
 * reachable but limited, auth failed, port held; the detail never contains the token.
 */
export async function probeUpstreamState(stateDir: string, port: number, token: string | undefined): Promise<{ state: EngineProbeState; detail: string }> {
  const [{ probeOpenclaw }, { loadDeviceIdentity }] = await Promise.all([import('@clawport/gateway/client'), import('@clawport/core/node')]);
  const identity = await loadDeviceIdentity(stateDir).catch(() => undefined);
  const p = await probeOpenclaw({ port, token, identity, expectRunning: true });
  return { state: p.state, detail: p.detail };
}
