import { isLoopbackHost } from '@clawport/core';

/**
 * Cross-site WebSocket hijacking guard: a page on any web site can open a WebSocket to 127.0.0.1, and
 * the browser sends its Origin. Non-browser clients (CLI, editor, scripts) send none and are allowed.
 * A browser page is allowed only when it is itself served from loopback (the canvas host, a local UI).
 */
export function isAllowedOrigin(origin: string | undefined): boolean {
  if (origin === undefined || origin === '') return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null" (sandboxed iframes, file://)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return isLoopbackHost(url.hostname);
}
