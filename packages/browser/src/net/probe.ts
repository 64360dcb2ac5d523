import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { listenerPid } from '@clawport/core/node';

/** The subset of CDP's /json/version we use. */
export interface CdpVersion {
  Browser: string;
  webSocketDebuggerUrl: string;
}

/**
 * Asks an HTTP endpoint for CDP's /json/version. Undefined when nothing answers, the answer is not CDP,
 * or it takes longer than timeoutMs: callers decide what that means. One connection, no keep-alive
 * pool, destroyed on timeout, so a silent peer is never left holding a socket of ours.
 */
export function fetchCdpVersion(httpBase: string, timeoutMs: number): Promise<CdpVersion | undefined> {
  const url = new URL('/json/version', httpBase);
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: timeoutMs, headers: { host: url.host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
        if (text.length > 64 * 1024) req.destroy();
      });
      res.on('end', () => {
        try {
          const body = JSON.parse(text) as Partial<CdpVersion>;
          const ok = res.statusCode === 200 && typeof body.webSocketDebuggerUrl === 'string' && typeof body.Browser === 'string';
          resolve(ok ? { Browser: body.Browser!, webSocketDebuggerUrl: body.webSocketDebuggerUrl! } : undefined);
        } catch {
          resolve(undefined);
        }
      });
      res.on('error', () => resolve(undefined));
    });
    const deadline = setTimeout(() => req.destroy(), timeoutMs);
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.on('close', () => {
      clearTimeout(deadline);
      resolve(undefined);
    });
  });
}

/** `pid 1234`, or undefined: who listens on a loopback port, to name the owner in a conflict. */
export async function describeListener(port: number): Promise<string | undefined> {
  const pid = await listenerPid(port);
  return pid === undefined ? undefined : `pid ${pid}`;
}
