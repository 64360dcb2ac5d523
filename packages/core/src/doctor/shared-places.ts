import { chromeEndpoint } from '../address/chrome-endpoint.js';
import type { OpenClawConfig } from '../config/schema.js';

/**
 * Where an instance keeps what must be its alone: its workspace (agents write there), its state dir
 * (credentials, sessions, locks) and the Chromes its config attaches to (`browser.cdpUrl`, each browser
 * profile's `cdpUrl`: chromesOf). Paths are compared as given after normalising; the IO layer passes
 * real paths (symlinks resolved) when it can.
 */
export interface Place {
  name: string;
  stateDir: string;
  workspace: string;
  chromes?: readonly ChromeUrl[];
}

/** A Chrome a config attaches to: the key that names it and its URL as written. */
export interface ChromeUrl {
  keyPath: string;
  url: string;
}

/** Every Chrome URL of a config: the pinned `browser.cdpUrl`, then each browser profile's `cdpUrl`. */
export function chromesOf(config: OpenClawConfig): ChromeUrl[] {
  const out: ChromeUrl[] = [];
  if (config.browser?.cdpUrl !== undefined) out.push({ keyPath: 'browser.cdpUrl', url: config.browser.cdpUrl });
  for (const [name, p] of Object.entries(config.browser?.profiles ?? {})) {
    if (p.cdpUrl !== undefined) out.push({ keyPath: `browser.profiles.${name}.cdpUrl`, url: p.cdpUrl });
  }
  return out;
}

/** One thing an instance would share with another: which key moves it, and a phrase for the message. */
export interface SharedPlace {
  other: string;
  /** same workspace · workspace in the other's state dir · workspace holding it · same pinned Chrome */
  kind: 'workspace' | 'inStateDir' | 'holdsStateDir' | 'cdpUrl';
  /** The key of `self` that moves it: agents.defaults.workspace, browser.cdpUrl or browser.profiles.P.cdpUrl. */
  keyPath: string;
  what: string;
}

const norm = (path: string) => path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
const within = (path: string, dir: string) => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
/** The first segment of `path` below `dir` (`workspace-main` for ~/.openclaw/workspace-main/x under ~/.openclaw). */
const firstBelow = (path: string, dir: string) => path.slice(dir === '/' ? 1 : dir.length + 1).split('/')[0];

/**
 * What `self` would share with the other instances (issue 14.3): the same workspace, a workspace inside
 * another instance's state dir (its credentials and locks), or the same pinned remote Chrome. The one
 * rule behind gateway start's refusal and the config edit check; doctor reports the same as findings.
 */
export function sharedPlaces(self: Place, others: readonly Place[]): SharedPlace[] {
  const out: SharedPlace[] = [];
  const ws = norm(self.workspace);
  for (const o of others) {
    if (norm(o.stateDir) === norm(self.stateDir)) continue;
    if (ws === norm(o.workspace)) out.push({ other: o.name, kind: 'workspace', keyPath: 'agents.defaults.workspace', what: `the workspace ${ws}` });
    // Workspaces live in the default instance's state dir by upstream's layout (~/.openclaw/workspace-P):
    // only the rest of a state dir (credentials, sessions, locks) is another instance's.
    else if (within(ws, norm(o.stateDir)) && (ws === norm(o.stateDir) || !firstBelow(ws, norm(o.stateDir)).startsWith('workspace'))) {
      out.push({ other: o.name, kind: 'inStateDir', keyPath: 'agents.defaults.workspace', what: `the state dir ${norm(o.stateDir)} (as its workspace)` });
    } else if (within(norm(o.stateDir), ws)) out.push({ other: o.name, kind: 'holdsStateDir', keyPath: 'agents.defaults.workspace', what: `the state dir ${norm(o.stateDir)} (inside its workspace ${ws})` });
    const chrome = sharedChrome(self.chromes ?? [], o.chromes ?? []);
    if (chrome) out.push({ other: o.name, kind: 'cdpUrl', keyPath: chrome.mine.keyPath, what: `the Chrome at ${chrome.key} (its ${chrome.theirs.keyPath})` });
  }
  return out;
}

/**
 * Two instances driving one Chrome step on each other's tabs: the same endpoint (parsed, chromeEndpoint)
 * where at least one side pins it as its `browser.cdpUrl` (its default browser). Two browser profiles
 * that attach to one remote Chrome are a warning of doctor's, not refused here. The key never carries
 * the URL's password.
 */
function sharedChrome(mine: readonly ChromeUrl[], theirs: readonly ChromeUrl[]): { key: string; mine: ChromeUrl; theirs: ChromeUrl } | undefined {
  for (const m of mine) {
    const at = chromeEndpoint(m.url);
    if (!at) continue;
    for (const t of theirs) {
      if ((m.keyPath === 'browser.cdpUrl' || t.keyPath === 'browser.cdpUrl') && chromeEndpoint(t.url)?.key === at.key) return { key: at.key, mine: m, theirs: t };
    }
  }
  return undefined;
}

/** The documented override for gateway start: run anyway although a place is shared. */
export const ALLOW_SHARED_PLACES_ENV = 'OPENCLAW_ALLOW_SHARED_PLACES';
