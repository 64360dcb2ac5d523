import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ConfigError, PortConflictError, UsageError } from '@clawport/core';
import { isLoopbackHost } from '../net/footprint-owner.js';
import { csrfRefusal, hasValidToken, hostRefusal } from './guards.js';
import { errorBody, httpStatusOf, type RouteRequest } from './router.js';

export interface ControlServerOptions {
  host: string;
  port: number;
  token: string;
  /** Largest accepted JSON body; bigger requests get 413 before they are parsed. */
  maxBodyBytes: number;
  handle: (req: RouteRequest) => Promise<unknown>;
}

export interface ControlServer {
  port: number;
  close(): Promise<void>;
}

class BodyTooLargeError extends UsageError {
  override readonly code: string = 'BODY_TOO_LARGE';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { error: { code, message } });
}

async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('request body must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * The browser control service: JSON over HTTP on loopback only. Order of checks: Host (DNS rebinding),
 * CSRF (before auth, so a hostile page learns nothing about the token), token, body size, route.
 */
export function startControlServer(opts: ControlServerOptions): Promise<ControlServer> {
  if (!isLoopbackHost(opts.host)) {
    return Promise.reject(
      new ConfigError(
        `browser control service binds loopback only; refusing to listen on ${opts.host}:${opts.port}`,
        'use 127.0.0.1; remote clients reach it through the gateway (browser.request) or an SSH tunnel',
        { keyPath: 'browser.controlPort' },
      ),
    );
  }
  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const hostProblem = hostRefusal(req.headers.host);
      if (hostProblem) return refuse(res, 403, 'FORBIDDEN', hostProblem);
      const csrf = csrfRefusal(method, { secFetchSite: req.headers['sec-fetch-site'], origin: req.headers.origin });
      if (csrf) return refuse(res, 403, 'FORBIDDEN', csrf);
      if (!hasValidToken(req.headers.authorization, opts.token)) {
        return refuse(res, 401, 'UNAUTHORIZED', 'missing or wrong token (send Authorization: Bearer <gateway token>)');
      }
      try {
        const contentType = req.headers['content-type'];
        if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) {
          return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
        }
        const body = await readJson(req, opts.maxBodyBytes);
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        send(res, 200, await opts.handle({ method, path: url.pathname, query: url.searchParams, body }));
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          res.setHeader('connection', 'close');
          return send(res, 413, errorBody(err));
        }
        send(res, httpStatusOf(err), errorBody(err));
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new PortConflictError(
              `browser control port ${opts.port} on ${opts.host} is already in use`,
              'stop whatever holds it, or set browser.controlPort to a free port',
              opts.port,
              'browser control',
              'unknown process',
            )
          : err,
      );
    });
    server.listen({ host: opts.host, port: opts.port, exclusive: true }, () => {
      resolve({
        port: opts.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
