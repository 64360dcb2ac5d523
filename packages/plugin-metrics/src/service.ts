import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PluginError, PortConflictError, type RunningService, type ServiceContext } from '@clawport/core';
import { PROMETHEUS_CONTENT_TYPE, renderMetrics } from './prometheus.js';
import { METRICS_CLAIM } from './section.js';

/** The claim is `bind: 'loopback'`: whatever gateway.bind says, metrics never leave the host. */
export const METRICS_HOST = '127.0.0.1';

/** What `status` shows for this service. */
export interface MetricsStatus {
  url: string;
  scrapes: number;
}

/**
 * A port someone else holds is a PortConflictError (the host treats it like any footprint conflict:
 * the gateway starts all or none); anything else is this plugin's own failure.
 */
function listenError(e: NodeJS.ErrnoException, port: number): Error {
  const where = `${METRICS_HOST}:${port}`;
  if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
    return new PortConflictError(
      `metrics ${where} is ${e.code === 'EADDRINUSE' ? 'in use' : 'not permitted'}`,
      'free the port or set metrics.port',
      port,
      'metrics',
      'metrics',
    );
  }
  return new PluginError('metrics', `cannot listen on ${where}: ${e.code ?? e.message}`, 'free the port or set metrics.port');
}

/**
 * Serves `GET /metrics` on the resolved metrics port. The gateway calls this only after it checked the
 * whole footprint, so a bind failure here means something grabbed the port in between: say which port.
 */
export async function startMetricsService(ctx: ServiceContext, now: () => number = Date.now): Promise<RunningService> {
  const claim = ctx.ports[METRICS_CLAIM];
  if (!claim) throw new PluginError('metrics', `no resolved port for claim ${METRICS_CLAIM}`, 'report this as a host bug');
  const port = claim.start;
  const url = `http://${METRICS_HOST}:${port}/metrics`;
  let scrapes = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: metrics are at /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('use GET\n');
      return;
    }
    scrapes++;
    const body = renderMetrics({ stats: ctx.gateway.stats(), profile: ctx.instance.profile, now: now() });
    res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      // A stats() failure must not kill the gateway: answer 500 and log it.
      ctx.log.error('metrics: scrape failed', { error: (e as Error).message });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('metrics unavailable\n');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, port)));
    server.listen(port, METRICS_HOST, () => resolve());
  });
  ctx.log.info('metrics: serving', { url });

  return {
    status: (): MetricsStatus => ({ url, scrapes }),
    stop: () =>
      new Promise<void>((resolve) => {
        // Keep-alive scrapers hold sockets open; drop them so the port is released now, not at their timeout.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
