import WebSocket from 'ws';

/** A frame as the gateway sends it; fields are checked by the tests, so nothing is trusted here. */
export interface Frame {
  type?: unknown;
  id?: unknown;
  ok?: unknown;
  event?: unknown;
  error?: { code?: unknown; message?: unknown };
  payload?: unknown;
}

export interface Closed {
  code: number;
  reason: string;
}

/**
 * A bare WebSocket peer for fuzzing: sends anything (text, binary, invalid UTF-8), records every frame
 * it gets (unparsed text too) and how the connection ended. Shares no code with the gateway or its client.
 */
export class RawPeer {
  readonly frames: string[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<Closed>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d: Buffer) => {
      this.frames.push(d.toString('utf8'));
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('error', () => undefined); // the close event carries what we check
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(port: number, headers: Record<string, string> = {}): Promise<RawPeer> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { headers, maxPayload: 64 * 1024 * 1024 });
    const peer = new RawPeer(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(peer));
      ws.once('unexpected-response', (_q, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  /** Frames parsed as JSON (the gateway only ever sends JSON). */
  json(): Frame[] {
    return this.frames.map((f) => JSON.parse(f) as Frame);
  }

  /** Waits until at least n frames arrived, or the connection closed, or timeoutMs passed. */
  async waitFrames(n: number, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length < n && this.ws.readyState !== WebSocket.CLOSED && Date.now() < deadline) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** The response to request id (skipping events), or undefined when none arrived in time. */
  async response(id: string | null, timeoutMs = 3000): Promise<Frame | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.json().find((f) => f.type === 'res' && f.id === id);
      if (hit || this.ws.readyState === WebSocket.CLOSED || Date.now() > deadline) return hit;
      await this.waitFrames(this.frames.length + 1, Math.max(1, deadline - Date.now()));
    }
  }

  /** Connect with the token: waits for the challenge, returns the connect response. */
  async handshake(token: string | undefined): Promise<Frame | undefined> {
    await this.waitFrames(1);
    this.ws.send(JSON.stringify({ type: 'req', id: 'hs', method: 'connect', params: { minProtocol: 4, maxProtocol: 4, client: { id: 'fuzz', version: '1', platform: 'linux', mode: 'cli' }, auth: token === undefined ? {} : { token } } }));
    return this.response('hs');
  }

  isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Ends the connection and waits until it is closed. */
  async end(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.terminate();
    await this.closed;
  }
}
