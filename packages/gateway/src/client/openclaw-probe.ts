import { request } from 'node:http';
import WebSocket from 'ws';
import { deviceAuthPayloadV3, type EngineProbe } from '@clawport/core';
import type { DeviceIdentity } from '@clawport/core/node';

export interface OpenclawProbeOptions {
  host?: string;
  port: number;
  token?: string;
  /** The profile's own identity (core/node loadDeviceIdentity); without it upstream clears our scopes. */
  identity?: DeviceIdentity;
  /** True when our process for this instance runs (lock or runtime): a refused port then means `starting`. */
  expectRunning?: boolean;
  timeoutMs?: number;
  /** What we need; a hello-ok without it is `limited`. */
  scope?: string;
}

const CLIENT = { id: 'cli', version: '0.1.0', platform: process.platform, mode: 'probe' } as const;

function httpStatus(host: string, port: number, path: string, timeoutMs: number): Promise<{ status?: number; body?: string; refused?: boolean; error?: string; slow?: boolean }> {
  return new Promise((resolve) => {
    const req = request({ host, port, path, timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c.length + body.length > 4096 ? '' : c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    let slow = false;
    req.on('timeout', () => {
      slow = true;
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ refused: e.code === 'ECONNREFUSED', error: e.message, ...(slow ? { slow } : {}) }));
    req.end();
  });
}

interface Hello {
  server?: { version?: string };
  snapshot?: { uptimeMs?: number };
  auth?: { scopes?: string[] };
}

/** The v4 handshake: wait for `connect.challenge`, answer with a signed `connect`, read hello-ok or the error. */
function handshake(o: OpenclawProbeOptions & { host: string; timeoutMs: number; scope: string }): Promise<{ hello?: Hello; error?: { code?: string; message?: string }; notOpenclaw?: string; slow?: boolean }> {
  return new Promise((resolve) => {
    const url = `ws://${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}/`;
    const ws = new WebSocket(url, { handshakeTimeout: o.timeoutMs, maxPayload: 16 * 1024 * 1024 });
    let done = false;
    const finish = (r: Awaited<ReturnType<typeof handshake>>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ notOpenclaw: `no connect.challenge within ${o.timeoutMs} ms`, slow: true }), o.timeoutMs);
    ws.on('error', (e) => finish({ notOpenclaw: e.message }));
    ws.on('unexpected-response', (_req, res) => finish({ notOpenclaw: `HTTP ${res.statusCode} instead of a WebSocket` }));
    ws.on('close', (code, reason) => finish({ error: { code: `CLOSED_${code}`, message: reason.toString() || `closed (${code})` } }));
    ws.on('message', (data: Buffer) => {
      let f: { type?: string; event?: string; id?: string; ok?: boolean; payload?: unknown; error?: { code?: string; message?: string; details?: { code?: string } } };
      try {
        f = JSON.parse(data.toString('utf8')) as typeof f;
      } catch {
        return finish({ notOpenclaw: 'answered with something other than JSON frames' });
      }
      if (f.type === 'event' && f.event === 'connect.challenge') {
        const { nonce, ts } = (f.payload ?? {}) as { nonce?: string; ts?: number };
        if (typeof nonce !== 'string' || typeof ts !== 'number') return finish({ notOpenclaw: 'connect.challenge without nonce/ts' });
        const scopes = [o.scope];
        const device = o.identity
          ? {
              id: o.identity.id,
              publicKey: o.identity.publicKey,
              signature: o.identity.sign(deviceAuthPayloadV3({ deviceId: o.identity.id, clientId: CLIENT.id, clientMode: CLIENT.mode, role: 'operator', scopes, signedAtMs: ts, token: o.token, nonce, platform: CLIENT.platform })),
              signedAt: ts,
              nonce,
            }
          : undefined;
        const params = { minProtocol: 4, maxProtocol: 4, client: CLIENT, role: 'operator', scopes, caps: [], auth: o.token ? { token: o.token } : {}, ...(device ? { device } : {}) };
        ws.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params }));
      } else if (f.type === 'res' && f.id === 'connect') {
        if (f.ok) finish({ hello: f.payload as Hello });
        else finish({ error: { code: f.error?.details?.code ?? f.error?.code, message: f.error?.message } });
      }
    });
  });
}

/**
 * Probes an upstream OpenClaw gateway and names its state honestly: `stopped` / `starting` (nothing
 * answers yet), `port-held` (something that is not an OpenClaw gateway answers), `starting` (its
 * /readyz says not yet), `auth-failed` (token refused), `limited` (hello-ok without our scope, or
 * pairing required), `live`. The token never appears in what it returns.
 */
export async function probeOpenclaw(o: OpenclawProbeOptions): Promise<EngineProbe> {
  const host = o.host ?? '127.0.0.1';
  const timeoutMs = o.timeoutMs ?? 3000;
  const scope = o.scope ?? 'operator.read';
  const t0 = performance.now();
  const ready = await httpStatus(host, o.port, '/readyz', timeoutMs);
  if (ready.refused) {
    return o.expectRunning ? { state: 'starting', detail: `port ${o.port} not open yet` } : { state: 'stopped', detail: `nothing listens on ${o.port}` };
  }
  // Our own upstream that is busy starting (its HTTP answers late on a loaded machine) is not another
  // process holding the port: no answer in time is "starting" while our process for it runs.
  if (ready.slow && o.expectRunning) return { state: 'starting', detail: `port ${o.port} open, no answer within ${timeoutMs} ms yet (still starting)` };
  if (ready.status === undefined) return { state: 'port-held', detail: `port ${o.port} does not answer HTTP: ${ready.error ?? 'no answer'}` };
  if (ready.status !== 200) {
    const health = await httpStatus(host, o.port, '/healthz', timeoutMs);
    if (health.slow && o.expectRunning) return { state: 'starting', detail: `/readyz answers ${ready.status}, /healthz no answer within ${timeoutMs} ms yet (still starting)` };
    const live = health.status === 200 && /"ok"\s*:\s*true/.test(health.body ?? '');
    if (!live) return { state: 'port-held', detail: `port ${o.port} answers HTTP ${ready.status} on /readyz and is no OpenClaw gateway` };
    return { state: 'starting', detail: `live, /readyz answers ${ready.status} (still starting)` };
  }
  const r = await handshake({ ...o, host, timeoutMs, scope });
  const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
  if (r.slow && o.expectRunning) return { state: 'starting', detail: `ready, but ${r.notOpenclaw} yet (busy starting)`, latencyMs };
  if (r.notOpenclaw) return { state: 'port-held', detail: `port ${o.port} is no OpenClaw gateway: ${r.notOpenclaw}` };
  if (r.error) {
    const code = r.error.code ?? 'ERROR';
    if (/^AUTH_/.test(code) && code !== 'AUTH_SCOPE_MISMATCH') return { state: 'auth-failed', detail: `token refused (${code})`, latencyMs };
    return { state: 'limited', detail: `handshake refused: ${code}${r.error.message ? ` ${r.error.message}` : ''}`, latencyMs };
  }
  const hello = r.hello ?? {};
  const scopes = hello.auth?.scopes ?? [];
  const common = {
    ...(hello.server?.version ? { version: hello.server.version } : {}),
    ...(typeof hello.snapshot?.uptimeMs === 'number' ? { uptimeMs: hello.snapshot.uptimeMs } : {}),
    scopes,
    latencyMs,
  };
  if (!scopes.includes(scope) && !scopes.includes('operator.admin')) {
    return { state: 'limited', detail: `connected without ${scope} (scopes: ${scopes.join(', ') || 'none'})`, ...common };
  }
  return { state: 'live', detail: 'live', ...common };
}
