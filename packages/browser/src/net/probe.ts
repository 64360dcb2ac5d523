import { listListeners, pidOfSocketInode } from '@clawport/core/node';

/** The subset of CDP's /json/version we use. */
export interface CdpVersion {
  Browser: string;
  webSocketDebuggerUrl: string;
}

/**
 * Asks an HTTP endpoint for CDP's /json/version. Undefined when nothing answers, the answer is not CDP,
 * or it takes longer than timeoutMs: callers decide what that means.
 */
export async function fetchCdpVersion(httpBase: string, timeoutMs: number): Promise<CdpVersion | undefined> {
  try {
    const res = await fetch(new URL('/json/version', httpBase), { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as Partial<CdpVersion>;
    if (typeof body.webSocketDebuggerUrl !== 'string' || typeof body.Browser !== 'string') return undefined;
    return { Browser: body.Browser, webSocketDebuggerUrl: body.webSocketDebuggerUrl };
  } catch {
    return undefined;
  }
}

/** `pid 1234`, or undefined: who listens on a loopback port, to name the owner in a conflict. */
export async function describeListener(port: number): Promise<string | undefined> {
  const listener = (await listListeners())?.find((l) => l.port === port);
  const pid = listener ? await pidOfSocketInode(listener.inode) : undefined;
  return pid === undefined ? undefined : `pid ${pid}`;
}
