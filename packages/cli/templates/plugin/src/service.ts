import { createServer } from 'node:http';
import { PluginError, PortConflictError, type RunningService, type ServiceContext } from '@clawport/plugin-sdk';
import { configSection } from '@clawport/plugin-sdk';
import { section } from './section.js';

const HOST = '127.0.0.1';

/** Serves `GET /` on the claimed port and answers the `__NAME__.ping` RPC method. */
export async function startService(ctx: ServiceContext): Promise<RunningService> {
  const claim = ctx.ports['__NAME__'];
  if (!claim) throw new PluginError('__NAME__', 'no resolved port for claim __NAME__');
  const own = configSection(section, ctx.config);
  const greeting = own?.greeting ?? 'hello';
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ plugin: '__NAME__', profile: ctx.instance.profile, greeting }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new PortConflictError(`__NAME__ ${HOST}:${claim.start} is in use`, 'free it or set __NAME__.port', claim.start, '__NAME__', '__NAME__')
          : e,
      ),
    );
    server.listen(claim.start, HOST, () => resolve());
  });
  ctx.gateway.registerMethod('__NAME__.ping', () => ({ pong: true, requests }), { params: [] });
  ctx.log.info('__NAME__: serving', { port: claim.start });
  return {
    status: () => ({ url: `http://${HOST}:${claim.start}/`, requests, notify: own?.notifyUrl ? 'configured' : 'off' }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
