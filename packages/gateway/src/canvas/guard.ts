import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackAddress, isLoopbackHost } from '@clawport/core';

const COOKIE = 'clawport_canvas';
const digest = (s: string) => createHash('sha256').update(s).digest();
const same = (given: string | undefined, token: string) => given !== undefined && given !== '' && timingSafeEqual(digest(given), digest(token));

export type CanvasVerdict = { ok: true } | { ok: false; status: number; reason: string } | { ok: 'login'; location: string; cookie: string };

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * Who may read the canvas. From loopback: anyone on this machine, but only under a loopback Host name
 * (a page on evil.example rebound to 127.0.0.1 still sends Host: evil.example). From elsewhere (only
 * reachable with bind=lan): the gateway token, as a Bearer header, or once as `?token=` which becomes
 * an HttpOnly same-site cookie and is dropped from the URL.
 */
export function checkCanvasRequest(req: IncomingMessage, token: string): CanvasVerdict {
  const remote = req.socket.remoteAddress ?? '';
  if (isLoopbackAddress(remote)) {
    const host = req.headers.host;
    if (host === undefined) return { ok: true };
    let hostname: string;
    try {
      hostname = new URL(`http://${host}`).hostname;
    } catch {
      return { ok: false, status: 400, reason: `bad Host header ${host}` };
    }
    return isLoopbackHost(hostname) ? { ok: true } : { ok: false, status: 403, reason: `Host ${host} refused: the canvas answers loopback names only` };
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (same(bearer, token) || same(cookieToken(req.headers.cookie), token)) return { ok: true };
  const url = new URL(req.url ?? '/', 'http://canvas.invalid');
  const query = url.searchParams.get('token') ?? undefined;
  if (same(query, token)) {
    url.searchParams.delete('token');
    return { ok: 'login', location: url.pathname + url.search, cookie: `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/` };
  }
  return { ok: false, status: 401, reason: 'the canvas on a LAN bind needs the gateway token: open it once as /?token=<token> (clawport status shows where the token is)' };
}
