import { watch, type FSWatcher } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { canvasManifest, expandHome, type ClawportPlugin, type RunningService, type ServiceContext } from '@clawport/core';
import { isAllowedOrigin } from '../server/origin.js';
import { checkCanvasRequest } from './guard.js';
import { seedCanvasRoot } from './seed.js';
import { RELOAD_PATH, serveStatic } from './static.js';

/** Where the canvas is served from: `canvasHost.root` (with ~), else `<state>/canvas`. */
export function canvasRoot(ctx: Pick<ServiceContext, 'config' | 'instance'>): string {
  const configured = ctx.config.canvasHost?.root;
  return configured ? expandHome(configured, ctx.instance.home) : join(ctx.instance.stateDir, 'canvas');
}

/** Watches the root; several writes of one save arrive as one reload. */
function watchRoot(root: string, onChange: (file: string) => void): FSWatcher | undefined {
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const fire = (_: string, file: string | Buffer | null) => {
    last = file ? String(file) : last;
    clearTimeout(timer);
    timer = setTimeout(() => onChange(last), 60);
  };
  try {
    return watch(root, { recursive: true }, fire);
  } catch {
    try {
      return watch(root, fire);
    } catch {
      return undefined;
    }
  }
}

async function startCanvas(ctx: ServiceContext): Promise<RunningService> {
  const root = canvasRoot(ctx);
  const port = ctx.ports.canvas.start;
  const liveReload = ctx.config.canvasHost?.liveReload !== false;
  await seedCanvasRoot(root);

  const server = createServer((req, res) => {
    const verdict = checkCanvasRequest(req, ctx.token);
    if (verdict.ok === false) {
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(`${verdict.reason}\n`);
    }
    if (verdict.ok === 'login') {
      res.writeHead(303, { location: verdict.location, 'set-cookie': verdict.cookie, 'cache-control': 'no-store' });
      return void res.end();
    }
    serveStatic(root, liveReload, req, res).catch((e: Error) => {
      ctx.log.warn('canvas request failed', { url: req.url, error: e.message });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== RELOAD_PATH || !isAllowedOrigin(req.headers.origin) || checkCanvasRequest(req, ctx.token).ok !== true) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', () => undefined); // the reload channel is one-way
      ws.on('error', () => undefined);
    });
  });
  let reloads = 0;
  const watcher = liveReload
    ? watchRoot(root, (file) => {
        reloads++;
        const msg = JSON.stringify({ type: 'reload', path: file });
        for (const c of wss.clients) if (c.readyState === c.OPEN) c.send(msg);
        ctx.gateway.emit('canvas.reload', { path: file });
      })
    : undefined;
  watcher?.on('error', (e) => ctx.log.warn('canvas watch failed', { error: e.message }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: ctx.gatewayHost, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((e) => {
    watcher?.close();
    wss.close();
    throw e;
  });
  ctx.log.info('canvas host listening', { url: `http://${ctx.gatewayHost}:${port}/`, root });

  return {
    status: () => ({ url: `http://127.0.0.1:${port}/`, root, liveReload, watching: watcher !== undefined, clients: wss.clients.size, reloads }),
    stop: async () => {
      watcher?.close();
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The built-in canvas host: core's manifest (claims B+4 or canvasHost.port) plus the service. */
export const canvasPlugin: ClawportPlugin = { ...canvasManifest, start: startCanvas };
