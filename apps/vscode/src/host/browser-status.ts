import { get } from 'node:http';
import { formatRange } from '@clawport/core';
import { clientToken } from '@clawport/core/node';
import { GatewayClient } from '@clawport/gateway/client';
import type { InstanceSnapshot } from '../model/snapshot.js';

export interface BrowserStatus {
  controlPort?: number;
  controlListening: boolean;
  band?: string;
  /** Every CDP port in the band with a browser behind it, and what it says it is. */
  browsers: Array<{ port: number; browser?: string; webSocketDebuggerUrl?: string }>;
  /** The browser plugin's own `GET /status`, asked through the gateway (`browser.request` over WebSocket). */
  plugin?: unknown;
  /** Why the plugin could not be asked (gateway stopped, no token, plugin disabled). */
  pluginError?: string;
}

/** One `browser.request` through the gateway's control plane, authenticated with the instance token. */
async function askPlugin(s: InstanceSnapshot): Promise<{ plugin?: unknown; pluginError?: string }> {
  if (!s.running) return { pluginError: 'the gateway is not running' };
  const token = await clientToken(s.stateDir, s.config);
  let client: GatewayClient | undefined;
  try {
    client = await GatewayClient.connect({ url: `ws://127.0.0.1:${s.base}/`, token, timeoutMs: 3000, clientId: 'clawport-vscode' });
    return { plugin: await client.call('browser.request', { method: 'GET', path: '/status' }, 5000) };
  } catch (e) {
    return { pluginError: (e as Error).message };
  } finally {
    await client?.close();
  }
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

/**
 * Browser status: the plugin's own answer through the gateway, plus what the host shows independently
 * (control port listening, the CDP band, each live browser's /json/version).
 */
export async function browserStatus(s: InstanceSnapshot): Promise<BrowserStatus> {
  const control = s.ports.find((p) => p.claim.id === 'browser.control');
  const band = s.ports.find((p) => p.claim.id === 'browser.cdp');
  const inUse = s.ports.filter((p) => p.claim.owner === 'browser' && p.claim.id !== 'browser.control').flatMap((p) => p.listening);
  const asked = askPlugin(s);
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
    ...(await asked),
  };
}

/** A plain value as indented `key: value` lines (nested objects and arrays one level deeper each). */
export function readableLines(value: unknown, indent = ''): string[] {
  if (value === null || typeof value !== 'object') return [`${indent}${String(value)}`];
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [`- ${i + 1}`, v]) : Object.entries(value);
  if (entries.length === 0) return [`${indent}(none)`];
  return entries.flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? [`${indent}${k}:`, ...readableLines(v, `${indent}  `)] : [`${indent}${k}: ${String(v)}`],
  );
}

/** Browser status as a short readable report (what Browser Status shows), not raw JSON. */
export function describeBrowserStatus(name: string, s: BrowserStatus): string[] {
  if (s.controlPort === undefined) return [`${name}: the browser plugin is disabled in this profile's config`];
  const lines = [
    `${name}: browser`,
    `  control port  ${s.controlPort} · ${s.controlListening ? 'listening' : 'not listening'}`,
    `  CDP band      ${s.band ?? '?'} · ${s.browsers.length === 0 ? 'no browser running' : `${s.browsers.length} browser${s.browsers.length === 1 ? '' : 's'} running`}`,
    ...s.browsers.map((b) => `    ${b.port}  ${b.browser ?? 'unknown browser'}`),
  ];
  if (s.pluginError) lines.push(`  plugin        not asked: ${s.pluginError}`);
  else if (s.plugin !== undefined) lines.push('  plugin reports:', ...readableLines(s.plugin, '    '));
  return lines;
}
