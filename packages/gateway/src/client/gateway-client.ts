import WebSocket from 'ws';
import { WireError } from '@clawport/core';
import { PROTOCOL_VERSION, type ErrorShape, type HelloOk } from '../protocol/types.js';

export interface ConnectOptions {
  /** `ws://127.0.0.1:18789/` */
  url: string;
  token?: string;
  /** Sent as the Origin header (only browsers normally do; tests use it to check the guard). */
  origin?: string;
  timeoutMs?: number;
  clientId?: string;
  /** Scopes to ask for (default: everything the token carries); hello.auth.scopes says what was granted. */
  scopes?: string[];
}

/** An error answer from the gateway (or a refused handshake), with its wire code; its exit code is core's rule for wire codes. */
export class GatewayCallError extends WireError {
  constructor(
    code: string,
    message: string,
    readonly method?: string,
  ) {
    super(code, message);
  }
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer?: NodeJS.Timeout;
  method: string;
}

/**
 * A protocol-4 client for the gateway control plane (CLI, editor, benchmarks). Depends only on `ws`
 * and the frame types, never on the server code.
 */
export class GatewayClient {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private nextId = 0;
  private closedError?: Error;
  readonly hello!: HelloOk;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.onMessage(data.toString('utf8')));
    ws.on('close', (code, reason) => {
      this.closedError = new GatewayCallError('CLOSED', `connection closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(this.closedError);
      }
      this.pending.clear();
      this.dispatch('close', { code, reason: reason.toString() });
    });
    ws.on('error', () => undefined); // surfaced through close
  }

  static async connect(o: ConnectOptions): Promise<GatewayClient> {
    const timeoutMs = o.timeoutMs ?? 5000;
    const ws = new WebSocket(o.url, { headers: o.origin ? { origin: o.origin } : {}, handshakeTimeout: timeoutMs, maxPayload: 256 * 1024 * 1024 });
    const client = new GatewayClient(ws);
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', (e) => reject(new GatewayCallError('CONNECT_FAILED', `cannot connect to ${o.url}: ${e.message}`)));
      ws.once('unexpected-response', (_req, res) => reject(new GatewayCallError('CONNECT_REFUSED', `gateway refused the connection: HTTP ${res.statusCode}`)));
    });
    try {
      await opened;
      const hello = await client.call<HelloOk>(
        'connect',
        {
          minProtocol: PROTOCOL_VERSION,
          maxProtocol: PROTOCOL_VERSION,
          client: { id: o.clientId ?? 'clawport', version: '0.1.0', platform: process.platform, mode: 'cli' },
          role: 'operator',
          ...(o.scopes ? { scopes: o.scopes } : {}),
          auth: o.token ? { token: o.token } : {},
        },
        timeoutMs,
      );
      (client as { hello: HelloOk }).hello = hello;
      return client;
    } catch (e) {
      ws.terminate();
      throw e;
    }
  }

  call<T = unknown>(method: string, params?: unknown, timeoutMs = 30_000): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = `${++this.nextId}`;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { resolve: (v) => resolve(v as T), reject, method };
      if (timeoutMs > 0) {
        p.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new GatewayCallError('TIMEOUT', `${method}: no answer within ${timeoutMs} ms`, method));
        }, timeoutMs);
      }
      this.pending.set(id, p);
      this.ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  /** Events by name (`tick`, `canvas.reload`…), or `*` for all as `{event, payload}`; `close` when the connection ends. */
  on(event: string, fn: (payload: unknown) => void): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 1000);
      this.ws.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      this.ws.close(1000, 'bye');
    });
  }

  private onMessage(text: string): void {
    let frame: { type?: string; id?: string; ok?: boolean; payload?: unknown; error?: ErrorShape; event?: string };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (frame.type === 'res' && typeof frame.id === 'string') {
      const p = this.pending.get(frame.id);
      if (!p) return;
      this.pending.delete(frame.id);
      clearTimeout(p.timer);
      if (frame.ok) p.resolve(frame.payload);
      else p.reject(new GatewayCallError(frame.error?.code ?? 'ERROR', frame.error?.message ?? 'request failed', p.method));
    } else if (frame.type === 'event' && typeof frame.event === 'string') {
      this.dispatch(frame.event, frame.payload);
      this.dispatch('*', { event: frame.event, payload: frame.payload });
    }
  }

  private dispatch(event: string, payload: unknown): void {
    for (const fn of this.listeners.get(event) ?? []) {
      try {
        fn(payload);
      } catch {
        // a listener's bug must not break the connection
      }
    }
  }
}

