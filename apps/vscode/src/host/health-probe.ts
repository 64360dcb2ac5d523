import { get } from 'node:http';
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
 * Health, and with the instance's token (the user's own file, as the CLI reads it) what each plugin
 * service reports, over one WebSocket connection (gateway client's probe). Without a token (or for
 * upstream's engine, which speaks its own protocol): /healthz alone.
 */
export async function probeGatewayDetails(port: number, token: string | undefined): Promise<{ healthy: boolean; plugins?: Record<string, PluginService> }> {
  if (!token) return { healthy: await probeHealthz(port) };
  const { probeGateway } = await import('@clawport/gateway/client');
  const r = await probeGateway({ port, token, timeoutMs: 2000, details: true });
  return { healthy: r.healthy, ...(r.services ? { plugins: r.services as Record<string, PluginService> } : {}) };
}
