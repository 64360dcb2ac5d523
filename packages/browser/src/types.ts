/** What `browser status` shows for one browser profile. Stable JSON: the CLI prints it with --json. */
export interface BrowserStatus {
  /** The plugin runs (a disabled plugin has no control service to ask). */
  enabled: boolean;
  /** Port of the browser control service (B+2 unless browser.controlPort). */
  controlPort: number;
  /** Browser profile name (not the instance profile). */
  profile: string;
  running: boolean;
  /** `local`: we launch Chromium; `remote`: we attach to cdpUrl and never launch. */
  kind: 'local' | 'remote';
  cdpPort?: number;
  cdpUrl?: string;
  /** Chromium's pid, for a browser this gateway launched. */
  pid?: number;
  /** `Chrome/156.0.8078.79`, from CDP /json/version. */
  version?: string;
  tabs: number;
  userDataDir?: string;
  executable?: string;
  headless: boolean;
  /** Something the user should know, e.g. a port of our band that answers CDP but was not launched by us. */
  note?: string;
}

/** One browser profile as configured (or implicit: the default profile needs no config). */
export interface BrowserProfileInfo {
  name: string;
  kind: 'local' | 'remote';
  cdpPort?: number;
  cdpUrl?: string;
  headless: boolean;
  color?: string;
  isDefault: boolean;
  running: boolean;
  /** False for the implicit default profile, which lives only in memory until it is created. */
  persisted: boolean;
}

export interface TabInfo {
  /** CDP target id; use it with `tabs close` and `navigate`/`screenshot --tab`. */
  id: string;
  url: string;
  title: string;
}

export interface TabsResult {
  profile: string;
  running: boolean;
  tabs: TabInfo[];
}

export interface ScreenshotResult {
  profile: string;
  tab: TabInfo;
  format: 'png';
  width: number;
  height: number;
  /** The PNG, base64. */
  data: string;
}

/** Params of the gateway's `browser.request` RPC: one control-service route, in process. */
export interface BrowserRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Route path, optionally with a query: `/tabs?profile=work`. */
  path: string;
  body?: Record<string, unknown>;
}
