import { get } from 'node:http';
import { formatRange } from '@clawport/core';
import type { InstanceSnapshot } from '../model/snapshot.js';

export interface BrowserStatus {
  controlPort?: number;
  controlListening: boolean;
  band?: string;
  /** Every CDP port in the band with a browser behind it, and what it says it is. */
  browsers: Array<{ port: number; browser?: string; webSocketDebuggerUrl?: string }>;
}

function cdpVersion(port: number): Promise<{ Browser?: string; webSocketDebuggerUrl?: string } | undefined> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/json/version', timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body) as { Browser?: string; webSocketDebuggerUrl?: string });
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** The browser plugin's ports as the host sees them: control service, CDP band, and each live browser's /json/version. */
export async function browserStatus(s: InstanceSnapshot): Promise<BrowserStatus> {
  const control = s.ports.find((p) => p.claim.id === 'browser.control');
  const band = s.ports.find((p) => p.claim.id === 'browser.cdp');
  const inUse = s.ports.filter((p) => p.claim.owner === 'browser' && p.claim.id !== 'browser.control').flatMap((p) => p.listening);
  const browsers = await Promise.all(
    [...new Set(inUse)].map(async (port) => {
      const v = await cdpVersion(port);
      return { port, browser: v?.Browser, webSocketDebuggerUrl: v?.webSocketDebuggerUrl };
    }),
  );
  return {
    controlPort: control?.claim.start,
    controlListening: control ? control.listening.length > 0 : false,
    band: band ? formatRange(band.claim.start, band.claim.end) : undefined,
    browsers,
  };
}
