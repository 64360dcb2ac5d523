import { canonicalAddress, isLoopbackHost } from './loopback.js';

/** Where a CDP URL reaches a Chrome, compared as parsed URLs rather than as text. */
export interface ChromeEndpoint {
  /** `http://127.0.0.1:9222`: scheme (ws→http, wss→https), loopback names folded, default port filled in; never a password. */
  key: string;
  loopback: boolean;
  port: number;
}

/**
 * The one rule for "the same Chrome": `http://localhost:9222/`, `ws://127.0.0.1:9222/devtools/…` and
 * `http://u:pw@[::ffff:127.0.0.1]:9222` all reach one endpoint. undefined for text that is not a URL
 * (the config schema refuses those).
 */
export function chromeEndpoint(raw: string): ChromeEndpoint | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const port = Number(url.port || (secure ? 443 : 80));
  // Every literal form (`[::ffff:127.0.0.1]`, `[::ffff:7f00:1]`, `127.1.2.3`) judged by the one rule.
  const loopback = isLoopbackHost(url.hostname);
  const host = loopback ? '127.0.0.1' : (canonicalAddress(url.hostname) ?? url.hostname.toLowerCase());
  return { key: `${secure ? 'https' : 'http'}://${host}:${port}`, loopback, port };
}
