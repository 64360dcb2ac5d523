/**
 * Where an instance keeps what must be its alone: its workspace (agents write there), its state dir
 * (credentials, sessions, locks) and the remote Chrome it pins (`browser.cdpUrl`). Paths are compared
 * as given after normalising; the IO layer passes real paths (symlinks resolved) when it can.
 */
export interface Place {
  name: string;
  stateDir: string;
  workspace: string;
  cdpUrl?: string;
}

/** One thing an instance would share with another: which key moves it, and a phrase for the message. */
export interface SharedPlace {
  other: string;
  /** same workspace · workspace in the other's state dir · workspace holding it · same pinned Chrome */
  kind: 'workspace' | 'inStateDir' | 'holdsStateDir' | 'cdpUrl';
  keyPath: 'agents.defaults.workspace' | 'browser.cdpUrl';
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
    if (self.cdpUrl !== undefined && self.cdpUrl === o.cdpUrl) out.push({ other: o.name, kind: 'cdpUrl', keyPath: 'browser.cdpUrl', what: 'the remote Chrome pinned by browser.cdpUrl' });
  }
  return out;
}

/** The documented override for gateway start: run anyway although a place is shared. */
export const ALLOW_SHARED_PLACES_ENV = 'OPENCLAW_ALLOW_SHARED_PLACES';
