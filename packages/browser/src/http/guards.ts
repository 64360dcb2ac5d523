import { createHash, timingSafeEqual } from 'node:crypto';
import { isLoopbackHost } from '../net/footprint-owner.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <token>`, compared in constant time (hashing first evens out the lengths). */
export function hasValidToken(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m !== null && timingSafeEqual(digest(m[1]), digest(token));
}

export function isMutating(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false; // `null` (sandboxed frames, file:) or garbage
  }
}

/**
 * Why a request must be refused as cross-site, or undefined. A web page can make a browser send a
 * POST to 127.0.0.1; browsers mark such requests with Sec-Fetch-Site and Origin, CLI clients send neither.
 */
export function csrfRefusal(method: string, headers: { secFetchSite?: string; origin?: string }): string | undefined {
  if (!isMutating(method)) return undefined;
  if (headers.secFetchSite?.toLowerCase() === 'cross-site') return 'cross-site request refused (Sec-Fetch-Site: cross-site)';
  if (headers.origin !== undefined && !isLoopbackOrigin(headers.origin)) return `request from origin ${headers.origin} refused`;
  return undefined;
}

/** DNS rebinding guard: a page on evil.example resolved to 127.0.0.1 still sends Host: evil.example. */
export function hostRefusal(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return `bad Host header ${host}`;
  }
  return isLoopbackHost(hostname) ? undefined : `Host ${host} refused: the control service answers loopback names only`;
}
