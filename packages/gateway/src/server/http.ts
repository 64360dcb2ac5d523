import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * `degraded`: started and serving, but at least one plugin is not running (it failed to load, its
 * claims were bad, or its start threw). The gateway runs without it and says so everywhere.
 */
export type Readiness = 'starting' | 'ready' | 'degraded' | 'stopping';

/** Serving: ready, or ready without some plugins. */
export const isServing = (r: Readiness) => r === 'ready' || r === 'degraded';

function json(res: ServerResponse, status: number, body: unknown, head: boolean): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

/**
 * HTTP on the base port: `/healthz` says the process is live, `/readyz` says it serves (503 while
 * starting or stopping) and whether every plugin runs: `status: "degraded"` with `pluginsFailed`
 * when some do not. Degraded is still 200: the gateway serves, and a restart does not fix a plugin
 * (supervisors and `up` treat it as started; `clawport health` and `status` say degraded).
 * WebSocket upgrades are handled by the control plane.
 */
export function createHealthServer(readiness: () => Readiness, pluginsFailed: () => string[] = () => []): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return json(res, 405, { ok: false, error: 'method not allowed' }, head);
    if (path === '/healthz') return json(res, 200, { ok: true, status: 'live' }, head);
    if (path === '/readyz') {
      const state = readiness();
      const failed = state === 'degraded' ? { pluginsFailed: pluginsFailed() } : {};
      return json(res, isServing(state) ? 200 : 503, { ok: isServing(state), status: state, ...failed }, head);
    }
    if (path === '/') return json(res, 426, { ok: false, error: 'this is a WebSocket endpoint (protocol 4); use /healthz or /readyz over HTTP' }, head);
    return json(res, 404, { ok: false, error: 'not found' }, head);
  });
}
