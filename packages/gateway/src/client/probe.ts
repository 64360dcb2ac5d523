import { request } from 'node:http';
import { GatewayClient } from './gateway-client.js';

export interface ProbeResult {
  healthy: boolean;
  latencyMs?: number;
  error?: string;
  health?: unknown;
  /** With `details`: what each plugin service reports (the `status` method's `services`). */
  services?: Record<string, unknown>;
  /** The gateway answered the handshake and refused the token: it is responsive, the token is not its. */
  authRefused?: boolean;
}

function httpReady(host: string, port: number, timeoutMs: number): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/readyz', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ error: e.message }));
    req.end();
  });
}

/**
 * Is the gateway on this port healthy? With a token: a WebSocket handshake and one `health` call
 * (latency covers both). Without one: HTTP /readyz, which needs no auth. `details`: on the same
 * connection, also the plugin services' status snapshots (not counted in the latency).
 */
export async function probeGateway(o: { port: number; host?: string; token?: string; timeoutMs?: number; details?: boolean }): Promise<ProbeResult> {
  const host = o.host ?? '127.0.0.1';
  const timeoutMs = o.timeoutMs ?? 2000;
  const t0 = performance.now();
  if (!o.token) {
    const r = await httpReady(host, o.port, timeoutMs);
    const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
    if (r.error) return { healthy: false, error: r.error };
    let health: unknown;
    try {
      health = JSON.parse(r.body ?? '');
    } catch {
      health = r.body;
    }
    return r.status === 200 ? { healthy: true, latencyMs, health } : { healthy: false, latencyMs, health, error: `/readyz answered ${r.status}` };
  }
  let client: GatewayClient | undefined;
  try {
    client = await GatewayClient.connect({ url: `ws://${host.includes(':') ? `[${host}]` : host}:${o.port}/`, token: o.token, timeoutMs, clientId: 'clawport-probe' });
    const health = await client.call<{ ok?: boolean }>('health', undefined, timeoutMs);
    const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
    const services = o.details ? await client.call<{ services?: Record<string, unknown> }>('status', undefined, timeoutMs).then((s) => s.services, () => undefined) : undefined;
    return { healthy: health?.ok === true, latencyMs, health, ...(services ? { services } : {}), ...(health?.ok === true ? {} : { error: 'gateway reports not ready' }) };
  } catch (e) {
    return { healthy: false, error: (e as Error).message, ...((e as { code?: string }).code === 'UNAUTHORIZED' ? { authRefused: true } : {}) };
  } finally {
    await client?.close();
  }
}
