import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Readiness = 'starting' | 'ready' | 'stopping';

function json(res: ServerResponse, status: number, body: unknown, head: boolean): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

/**
 * HTTP on the base port: `/healthz` says the process is live, `/readyz` says every service
 * started (503 while starting or stopping). WebSocket upgrades are handled by the control plane.
 */
export function createHealthServer(readiness: () => Readiness): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return json(res, 405, { ok: false, error: 'method not allowed' }, head);
    if (path === '/healthz') return json(res, 200, { ok: true, status: 'live' }, head);
    if (path === '/readyz') {
      const state = readiness();
      return json(res, state === 'ready' ? 200 : 503, { ok: state === 'ready', status: state }, head);
    }
    if (path === '/') return json(res, 426, { ok: false, error: 'this is a WebSocket endpoint (protocol 4); use /healthz or /readyz over HTTP' }, head);
    return json(res, 404, { ok: false, error: 'not found' }, head);
  });
}
