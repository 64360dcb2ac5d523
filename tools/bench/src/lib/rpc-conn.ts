import WebSocket from 'ws';

/**
 * The bench's own minimal protocol-4 client: the same code drives the gateway and the echo baseline,
 * so the ratio compares servers, not clients. Sequential calls only (one in flight per connection).
 */
export class RpcConn {
  private nextId = 0;
  private waiting?: { id: string; resolve(): void; reject(e: Error): void };

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const f = JSON.parse(data.toString('utf8')) as { type?: string; id?: string; ok?: boolean; error?: { message?: string } };
      if (f.type !== 'res' || !this.waiting || f.id !== this.waiting.id) return;
      const w = this.waiting;
      this.waiting = undefined;
      if (f.ok) w.resolve();
      else w.reject(new Error(`rpc failed: ${f.error?.message ?? 'unknown'}`));
    });
    ws.on('close', () => this.waiting?.reject(new Error('connection closed')));
  }

  /** Opens a connection; with a token, waits for the challenge and completes `connect` first. */
  static async open(port: number, token?: string): Promise<RpcConn> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
    const challenge = token
      ? new Promise<void>((resolve) => ws.once('message', () => resolve()))
      : Promise.resolve();
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const conn = new RpcConn(ws);
    if (token) {
      await challenge;
      await conn.call('connect', {
        minProtocol: 4,
        maxProtocol: 4,
        client: { id: 'clawport-bench', version: '0.1.0', platform: process.platform, mode: 'cli' },
        auth: { token },
      });
    }
    return conn;
  }

  call(method: string, params?: unknown): Promise<void> {
    const id = `${++this.nextId}`;
    return new Promise((resolve, reject) => {
      this.waiting = { id, resolve, reject };
      this.ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Every connection calls `method` back to back until `ms` elapse; per-call latencies in µs. */
export async function hammer(conns: readonly RpcConn[], method: string, ms: number): Promise<{ calls: number; seconds: number; latUs: number[] }> {
  const latUs: number[] = [];
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    conns.map(async (c) => {
      while (performance.now() < end) {
        const s = performance.now();
        await c.call(method);
        latUs.push((performance.now() - s) * 1000);
      }
    }),
  );
  return { calls: latUs.length, seconds: (performance.now() - t0) / 1000, latUs };
}
