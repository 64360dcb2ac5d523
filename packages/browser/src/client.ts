import { WireError } from '@clawport/core';
import type { BrowserRequest } from './types.js';

/**
 * `@clawport/browser/client`: what the CLI (or any gateway client) needs to call the browser control
 * service through the gateway's `browser.request` RPC. No puppeteer, no server code.
 */
export type * from './types.js';
export { DEFAULT_BROWSER_PROFILE } from './profiles/profiles.js';

/** The one method of a gateway client this needs (GatewayClient from @clawport/gateway/client fits). */
export interface RpcCaller {
  call<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
}

/** An error answer of the browser service, keeping its wire code (FOREIGN_CDP, BROWSER_NOT_RUNNING, …); exit code by core's wire rule. */
export class BrowserRequestError extends WireError {}

/** `?profile=work`, or nothing for the default browser profile. */
export function profileQuery(profile: string | undefined): string {
  return profile === undefined ? '' : `?profile=${encodeURIComponent(profile)}`;
}

/**
 * Calls one route of the browser control service through the gateway. A gateway without the browser
 * plugin (browser.enabled false, or it failed to start) answers METHOD_NOT_FOUND: said in one line.
 */
export async function browserRequest<T>(
  client: RpcCaller,
  method: BrowserRequest['method'],
  path: string,
  body?: Record<string, unknown>,
  timeoutMs = 60_000,
): Promise<T> {
  try {
    return await client.call<T>('browser.request', { method, path, ...(body ? { body } : {}) }, timeoutMs);
  } catch (e) {
    const err = e as { code?: unknown; message?: string };
    if (typeof err.code !== 'string') throw e;
    if (err.code === 'METHOD_NOT_FOUND') {
      throw new BrowserRequestError(
        'BROWSER_DISABLED',
        'the gateway has no browser service (browser.enabled is false, or the plugin failed to start: see status)',
      );
    }
    throw new BrowserRequestError(err.code, err.message ?? 'browser request failed');
  }
}
