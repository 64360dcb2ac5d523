import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import WebSocket from 'ws';
import { resolveInstancePaths } from '@clawport/core';
import { readToken } from '@clawport/core/node';
import { GatewayClient } from '@clawport/gateway/client';
import { figure, type BenchModule, type Row } from '../types.js';
import { BENCH_PORT_BASE, cliEnv, tempHome, writeProfile } from '../lib/homes.js';
import { httpStatus, rssMb, startProcess, stopProcess, waitHttp200 } from '../lib/proc.js';
import { median } from '../lib/stats.js';

const RUNS = 3;
const CHROMIUM = '/usr/bin/chromium';
/** The flags the browser plugin launches with (packages/browser/src/chromium/flags.ts), for the baseline. */
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-default-apps', '--no-first-run', '--no-default-browser-check',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1', '--remote-debugging-address=127.0.0.1',
  '--window-size=1280,800',
];

/** Baseline: Chromium launched directly with the same flags, from spawn to /json/version 200. */
async function directLaunch(port: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'clawport-bench-chromium-'));
  const p = startProcess(CHROMIUM, [...FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${dir}`, 'about:blank'], process.env);
  try {
    return await waitHttp200(p.child, port, '/json/version', p.t0, p.output);
  } finally {
    await stopProcess(p.child);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Baseline for puppeteer connect: one bare WebSocket handshake with the browser's CDP endpoint. */
async function bareCdpConnect(port: number): Promise<number> {
  const t0 = performance.now();
  const info = await fetch(`http://127.0.0.1:${port}/json/version`).then((r) => r.json() as Promise<{ webSocketDebuggerUrl: string }>);
  const ws = new WebSocket(info.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const ms = performance.now() - t0;
  ws.terminate();
  return ms;
}

/**
 * The real browser plugin inside a gateway started by the CLI: `browser.request POST /start` over the
 * control plane until CDP is ready, puppeteer-core connect, gateway RSS with one browser running.
 */
export const browserBench: BenchModule = {
  name: 'browser',
  async run(ctx): Promise<Row[]> {
    if (!existsSync(CHROMIUM)) {
      return [{ id: 'browser', label: 'browser profile start', skipped: `${CHROMIUM} is missing (apt-get install chromium)` }];
    }
    const bin = join(ctx.root, 'packages/cli/bin/run.js');
    const port = BENCH_PORT_BASE + 300;
    const h = await tempHome('browser');
    await writeProfile(h.home, 'bench', port);
    const token = await readToken(resolveInstancePaths({ profile: 'bench' }, { OPENCLAW_HOME: h.home }, h.home).stateDir);
    const gw = startProcess(process.execPath, [bin, '--profile', 'bench', 'gateway'], cliEnv(h.home));
    let client: GatewayClient | undefined;
    try {
      await waitHttp200(gw.child, port, '/readyz', gw.t0, gw.output);
      client = await GatewayClient.connect({ url: `ws://127.0.0.1:${port}/`, token, clientId: 'clawport-bench' });
      await new Promise((r) => setTimeout(r, 500));
      const rssIdle = await rssMb(gw.child.pid!);
      const start: number[] = [];
      const connect: number[] = [];
      const bare: number[] = [];
      const direct: number[] = [];
      const rssWith: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        ctx.progress(`browser: start ${i + 1}/${RUNS}`);
        direct.push(await directLaunch(BENCH_PORT_BASE + 450));
        const t0 = performance.now();
        const status = await client.call<{ running: boolean; cdpPort?: number }>('browser.request', { method: 'POST', path: '/start' }, 30_000);
        start.push(performance.now() - t0);
        if (!status.running || !status.cdpPort) throw new Error(`browser start returned ${JSON.stringify(status)}`);
        if ((await httpStatus(status.cdpPort, '/json/version')) !== 200) throw new Error('CDP not answering after start');
        bare.push(await bareCdpConnect(status.cdpPort));
        const t1 = performance.now();
        const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${status.cdpPort}` });
        connect.push(performance.now() - t1);
        await browser.disconnect();
        await new Promise((r) => setTimeout(r, 300));
        rssWith.push(await rssMb(gw.child.pid!));
        await client.call('browser.request', { method: 'POST', path: '/stop' }, 30_000);
      }
      return [
        figure({
          id: 'browser.startToCdpReady',
          label: 'browser profile start → CDP ready (plugin)',
          value: median(start),
          unit: 'ms',
          baseline: { label: 'chromium spawn → /json/version', value: median(direct) },
          samples: RUNS,
          note: 'browser.request POST /start over the control plane',
        }),
        figure({
          id: 'browser.puppeteerConnect',
          label: 'puppeteer-core connect',
          value: median(connect),
          unit: 'ms',
          baseline: { label: 'bare CDP websocket open', value: median(bare) },
          samples: RUNS,
        }),
        figure({
          id: 'browser.gatewayRss',
          label: 'gateway RSS with one browser',
          value: median(rssWith),
          unit: 'MB',
          baseline: { label: 'same gateway, no browser', value: rssIdle },
          samples: RUNS,
          note: 'gateway process only; Chromium runs in its own processes',
        }),
      ];
    } finally {
      await client?.close();
      await stopProcess(gw.child, 10_000);
      await h.cleanup();
    }
  },
};
