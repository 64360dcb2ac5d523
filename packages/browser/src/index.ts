// @clawport/browser: the browser/CDP plugin (control service on B+2, CDP band, puppeteer-core).
export { browserPlugin, startBrowserService, type BrowserService, type BrowserServiceOptions } from './plugin.js';
export type { BrowserStatus, BrowserProfileInfo, BrowserRequest, TabInfo, TabsResult, ScreenshotResult } from './types.js';
export { BrowserError, BrowserNotRunningError, CdpBandExhaustedError, ConflictError, ForeignCdpError, NotFoundError } from './errors.js';
export { DEFAULT_BROWSER_PROFILE } from './profiles/profiles.js';
export type { ProfileStore } from './profiles/store.js';
