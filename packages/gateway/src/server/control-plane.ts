import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ClawportError, SCOPES, grantScopes, hasScope, type GatewayStats } from '@clawport/core';
import type { GatewayLogger } from '../log/logger.js';
import type { MethodRegistry } from '../methods/registry.js';
import { scrubText } from '@clawport/core';
import { CLOSE_POLICY, ErrorCodes, PROTOCOL_VERSION, type ErrorShape, type HelloOk } from '../protocol/types.js';
import { checkConnectParams, parseRequest } from '../protocol/validate.js';
import { scopesOfToken, type ScopedToken } from './auth.js';
import { Connection } from './connection.js';
import { isAllowedOrigin } from './origin.js';
import { AuthBackoff, PREAUTH_MAX_BYTES, PREAUTH_MAX_CONNECTIONS } from './preauth.js';

export interface ControlPlaneOptions {
  version: string;
  /** undefined = auth mode none (only ever allowed on loopback). */
  token: string | undefined;
  /** `gateway.auth.tokens`: more tokens, each limited to its scopes. */
  scopedTokens?: readonly ScopedToken[];
  maxPayload: number;
  handshakeTimeoutMs: number;
  tickIntervalMs: number;
  log: GatewayLogger;
  methods: MethodRegistry;
  snapshot: () => Record<string, unknown>;
  events: () => string[];
}

/** Frames above maxPayload but below this get an error frame; beyond it ws closes with 1009 unread. */
const HARD_CAP_FACTOR = 4;

/** The WebSocket control plane on the base port: handshake, auth, request dispatch, events. */
export class ControlPlane {
  readonly stats: GatewayStats = { startedAt: Date.now(), connections: 0, connectionsTotal: 0, rpcCalls: {}, rpcErrors: 0 };
  private readonly wss: WebSocketServer;
  private readonly conns = new Set<Connection>();
  private tick?: NodeJS.Timeout;
  private readonly backoff = new AuthBackoff();
  private pendingHandshakes = 0;

  constructor(private readonly o: ControlPlaneOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: o.maxPayload * HARD_CAP_FACTOR });
  }

  attach(server: Server): void {
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.tick = setInterval(() => this.broadcast('tick', { ts: Date.now() }), this.o.tickIntervalMs);
    this.tick.unref();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const origin = req.headers.origin;
    if (!isAllowedOrigin(origin)) {
      this.o.log.warn('websocket upgrade refused: cross-site origin', { origin });
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\norigin not allowed\n');
      return;
    }
    if (this.pendingHandshakes >= PREAUTH_MAX_CONNECTIONS) {
      this.o.log.warn('websocket upgrade refused: too many connections waiting to log in', { pending: this.pendingHandshakes });
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\nConnection: close\r\n\r\ntoo many unauthenticated connections\n');
      return;
    }
    this.pendingHandshakes++;
    // Counted on the raw socket, so a frame that never completes (buffered by ws) counts too.
    let preauthBytes = head.length;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.pendingHandshakes--;
      socket.off('data', count);
    };
    const count = (chunk: Buffer) => {
      preauthBytes += chunk.length;
      if (preauthBytes > PREAUTH_MAX_BYTES) {
        this.o.log.warn('websocket closed: more than 64 KiB before login', { remote: req.socket.remoteAddress });
        release();
        socket.destroy();
      }
    };
    socket.on('data', count);
    socket.once('close', release);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, release));
  }

  private accept(ws: WebSocket, req: IncomingMessage, loggedIn: () => void): void {
    const conn = new Connection(ws);
    conn.onLogin = loggedIn;
    this.conns.add(conn);
    this.stats.connections++;
    this.stats.connectionsTotal++;
    const timer = setTimeout(() => {
      if (!conn.authed) {
        this.o.log.info('handshake timeout', { connId: conn.connId });
        conn.close(CLOSE_POLICY, 'handshake timeout');
      }
    }, this.o.handshakeTimeoutMs);
    ws.on('message', (data, isBinary) => {
      try {
        this.onMessage(conn, data, isBinary);
      } catch (e) {
        this.o.log.error('frame handling failed', { connId: conn.connId, error: (e as Error).message });
      }
    });
    ws.on('error', (e) => this.o.log.warn('websocket error', { connId: conn.connId, error: e.message }));
    ws.on('close', () => {
      clearTimeout(timer);
      conn.closed = true;
      this.conns.delete(conn);
      this.stats.connections--;
    });
    this.o.log.debug('websocket connected', { connId: conn.connId, remote: req.socket.remoteAddress });
    conn.event('connect.challenge', { nonce: conn.nonce, ts: Date.now() });
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    let problem: ErrorShape | undefined;
    if (isBinary) problem = { code: ErrorCodes.INVALID_REQUEST, message: 'binary frames are not supported; send JSON text' };
    else if (buf.length > this.o.maxPayload) {
      problem = { code: ErrorCodes.PAYLOAD_TOO_LARGE, message: `frame of ${buf.length} bytes exceeds maxPayload ${this.o.maxPayload}` };
    }
    if (problem) return this.reject(conn, null, problem);
    const parsed = parseRequest(buf.toString('utf8'));
    if (!parsed.ok) return this.reject(conn, parsed.id, parsed.error);
    const { frame } = parsed;
    if (conn.refused) return; // a held refusal: no second guess on the same socket
    if (!conn.authed) return this.handshake(conn, frame.id, frame.method, frame.params);
    if (frame.method === 'connect') {
      return conn.send({ type: 'res', id: frame.id, ok: false, error: { code: ErrorCodes.INVALID_REQUEST, message: 'already connected' } });
    }
    void this.dispatch(conn, frame.id, frame.method, frame.params);
  }

  /** A bad frame: an error response; before the handshake it also ends the connection (1008). */
  private reject(conn: Connection, id: string | null, error: ErrorShape): void {
    conn.send({ type: 'res', id, ok: false, error });
    if (!conn.authed) conn.close(CLOSE_POLICY, error.code === ErrorCodes.PAYLOAD_TOO_LARGE ? 'frame too large' : 'invalid handshake');
  }

  private handshake(conn: Connection, id: string, method: string, params: unknown): void {
    if (method !== 'connect') {
      conn.send({ type: 'res', id, ok: false, error: { code: ErrorCodes.INVALID_REQUEST, message: 'first request must be connect' } });
      return conn.close(CLOSE_POLICY, 'first request must be connect');
    }
    const checked = checkConnectParams(params);
    if (!checked.ok) {
      conn.send({ type: 'res', id, ok: false, error: checked.error });
      return conn.close(CLOSE_POLICY, checked.error.code === ErrorCodes.PROTOCOL_MISMATCH ? 'protocol mismatch' : 'invalid connect');
    }
    const tokenScopes = this.o.token === undefined ? [...SCOPES] : scopesOfToken(this.o.token, this.o.scopedTokens ?? [], checked.params.auth?.token);
    if (!tokenScopes) {
      const delayedMs = this.backoff.fail();
      conn.refused = true;
      this.o.log.warn('websocket auth refused', { connId: conn.connId, delayedMs });
      // The connection keeps its pre-auth slot while held, so parallel guessing is capped too.
      const refuse = () => {
        conn.send({ type: 'res', id, ok: false, error: { code: ErrorCodes.UNAUTHORIZED, message: 'invalid or missing token', details: { code: 'AUTH_TOKEN_MISMATCH', delayedMs } } });
        conn.close(CLOSE_POLICY, 'unauthorized');
      };
      if (delayedMs > 0) setTimeout(refuse, delayedMs).unref();
      else refuse();
      return;
    }
    conn.authed = true;
    conn.onLogin?.();
    conn.scopes = grantScopes(tokenScopes, checked.params.scopes);
    conn.client = checked.params.client ?? {};
    const hello: HelloOk = {
      type: 'hello-ok',
      protocol: PROTOCOL_VERSION,
      server: { version: this.o.version, connId: conn.connId },
      features: { methods: this.o.methods.names(), events: this.o.events() },
      snapshot: this.o.snapshot(),
      auth: { role: 'operator', scopes: [...conn.scopes] },
      policy: { maxPayload: this.o.maxPayload, tickIntervalMs: this.o.tickIntervalMs },
    };
    this.o.log.info('client connected', { connId: conn.connId, client: conn.client.id, mode: conn.client.mode, scopes: conn.scopes });
    conn.send({ type: 'res', id, ok: true, payload: hello });
  }

  private async dispatch(conn: Connection, id: string, method: string, params: unknown): Promise<void> {
    const entry = this.o.methods.get(method);
    if (!entry) {
      this.stats.rpcErrors++;
      return conn.send({ type: 'res', id, ok: false, error: { code: ErrorCodes.METHOD_NOT_FOUND, message: `unknown method ${method}` } });
    }
    this.stats.rpcCalls[method] = (this.stats.rpcCalls[method] ?? 0) + 1;
    if (!hasScope(conn.scopes, entry.scope)) {
      this.stats.rpcErrors++;
      const message = `${method} needs scope ${entry.scope}; this connection has ${conn.scopes.join(', ') || 'no scope'} (use a token that carries it)`;
      return conn.send({ type: 'res', id, ok: false, error: { code: ErrorCodes.FORBIDDEN, message } });
    }
    try {
      const payload = await entry.handler(params, { connId: conn.connId, scopes: conn.scopes });
      conn.send({ type: 'res', id, ok: true, payload: payload ?? null });
    } catch (e) {
      this.stats.rpcErrors++;
      const error = toErrorShape(e);
      // An error message may quote input or config; it must never carry the token.
      if (this.o.token) error.message = scrubText(error.message, [this.o.token, ...(this.o.scopedTokens ?? []).map((t) => t.token)]);
      conn.send({ type: 'res', id, ok: false, error });
      if (!(e instanceof ClawportError)) this.o.log.error('method failed', { method, error: (e as Error)?.message });
    }
  }

  broadcast(event: string, payload: unknown): void {
    for (const c of this.conns) if (c.authed) c.event(event, payload);
  }

  /** Tells clients why, then closes every connection and the WebSocket server. */
  async close(code = 1001, reason = 'gateway stopping'): Promise<void> {
    if (this.tick) clearInterval(this.tick);
    this.broadcast('shutdown', { reason });
    for (const c of this.conns) c.close(code, reason);
    const deadline = setTimeout(() => {
      for (const c of this.conns) c.ws.terminate();
    }, 1000);
    while (this.conns.size > 0 && this.wss.clients.size > 0) await new Promise((r) => setTimeout(r, 10));
    clearTimeout(deadline);
    await new Promise<void>((r) => this.wss.close(() => r()));
  }
}

export function toErrorShape(e: unknown): ErrorShape {
  if (e instanceof ClawportError) return { code: e.code, message: e.toLine() };
  const err = e as { code?: unknown; message?: unknown };
  if (err && typeof err.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(err.code) && typeof err.message === 'string') {
    return { code: err.code, message: err.message };
  }
  return { code: ErrorCodes.INTERNAL, message: err && typeof err.message === 'string' ? err.message : String(e) };
}
