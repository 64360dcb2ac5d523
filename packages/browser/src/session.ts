import type { Browser, Page } from 'puppeteer-core';
import { UsageError } from '@clawport/core';
import { BrowserError, NotFoundError } from './errors.js';
import type { LaunchedChromium } from './chromium/launch.js';
import type { ScreenshotResult, TabInfo } from './types.js';

const NAVIGATION_TIMEOUT_MS = 20_000;
const LOCAL_VIEWPORT = { width: 1280, height: 800 };

/** Schemes a tab may be sent to. file:, javascript: and chrome: stay out of reach of RPC clients. */
export function checkUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError('url is missing', 'pass an http(s) URL');
  if (raw === 'about:blank') return raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`url ${JSON.stringify(raw)} is not a valid URL`, 'pass an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`url scheme ${url.protocol} is not allowed`, 'use http:, https: or about:blank');
  }
  return url.href;
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** CDP's id of a page's target, through the public session API. */
async function targetIdOf(page: Page): Promise<string> {
  const cdp = await page.createCDPSession();
  try {
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    return targetInfo.targetId;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** A puppeteer connection to one browser profile's Chromium (launched by us, or remote). */
export class BrowserSession {
  private lastTab: string | undefined;

  private constructor(
    readonly browser: Browser,
    readonly version: string,
    readonly chromium: LaunchedChromium | undefined,
  ) {}

  /** Connects to a browser WebSocket endpoint, giving up after timeoutMs. */
  static async connect(wsEndpoint: string, timeoutMs: number, chromium?: LaunchedChromium): Promise<BrowserSession> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BrowserError(`CDP connect to ${wsEndpoint} timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      // Our own Chromium gets a fixed viewport (screenshots of a known size); a remote one is left as it is.
      const defaultViewport = chromium ? LOCAL_VIEWPORT : null;
      // Loaded on first use: puppeteer-core costs ~170 ms to import, which a gateway that never starts a
      // browser should not pay.
      const { connect } = await import('puppeteer-core');
      const browser = await Promise.race([connect({ browserWSEndpoint: wsEndpoint, defaultViewport }), timeout]);
      return new BrowserSession(browser, await browser.version(), chromium);
    } finally {
      clearTimeout(timer);
    }
  }

  get connected(): boolean {
    return this.browser.connected && !(this.chromium?.hasExited() ?? false);
  }

  private async describe(page: Page): Promise<TabInfo> {
    return { id: await targetIdOf(page), url: page.url(), title: await page.title().catch(() => '') };
  }

  async tabs(): Promise<TabInfo[]> {
    const pages = await this.browser.pages();
    return Promise.all(pages.map((p) => this.describe(p)));
  }

  /** The page with a target id; without one, the tab used last (or the newest). */
  private async page(id: string | undefined): Promise<Page> {
    const pages = await this.browser.pages();
    const wanted = id ?? this.lastTab;
    if (wanted !== undefined) {
      for (const p of pages) if ((await targetIdOf(p)) === wanted) return p;
      if (id !== undefined) throw new NotFoundError(`no tab ${id}`, 'list the tabs with: browser tabs');
    }
    const newest = pages[pages.length - 1];
    if (!newest) throw new NotFoundError('the browser has no tab', 'open one with: browser open <url>');
    return newest;
  }

  async open(url: string): Promise<TabInfo> {
    const page = await this.browser.newPage();
    if (url !== 'about:blank') await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    const tab = await this.describe(page);
    this.lastTab = tab.id;
    return tab;
  }

  async close(id: string): Promise<void> {
    const page = await this.page(id);
    await page.close();
    if (this.lastTab === id) this.lastTab = undefined;
  }

  async navigate(id: string | undefined, url: string): Promise<TabInfo> {
    const page = await this.page(id);
    await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    const tab = await this.describe(page);
    this.lastTab = tab.id;
    return tab;
  }

  async screenshot(profile: string, id: string | undefined, fullPage: boolean): Promise<ScreenshotResult> {
    const page = await this.page(id);
    const png = await page.screenshot({ type: 'png', fullPage });
    const size = pngSize(png);
    return { profile, tab: await this.describe(page), format: 'png', ...size, data: Buffer.from(png).toString('base64') };
  }

  /** Drops the connection; a launched Chromium is stopped by its owner, a remote one keeps running. */
  async disconnect(): Promise<void> {
    if (this.browser.connected) await this.browser.disconnect().catch(() => undefined);
  }
}
