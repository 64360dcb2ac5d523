import { join } from 'node:path';
import { redactUrlPassword } from '@clawport/core';
import { BrowserError } from './errors.js';
import { findChromium } from './chromium/executable.js';
import { launchChromium } from './chromium/launch.js';
import { reachesThisHost, type OtherFootprints } from './net/footprint-owner.js';
import { fetchCdpVersion } from './net/probe.js';
import { refuseOtherInstancePort, requireFreeCdpPort } from './guard-ports.js';
import { BrowserSession } from './session.js';
import type { ProfileDef } from './profiles/profiles.js';

/** A connected browser profile: the session plus what `status` reports about it. */
export interface LiveProfile {
  session: BrowserSession;
  cdpPort?: number;
  cdpUrl?: string;
  userDataDir?: string;
  executable?: string;
}

export interface ConnectEnv {
  stateDir: string;
  executablePath: string | undefined;
  band: { start: number; end: number };
  others: OtherFootprints;
  launchTimeoutMs: number;
  attachTimeoutMs: number;
  /** Launch without Chromium's sandbox (it cannot work here, or browser.noSandbox). */
  noSandbox: boolean;
  /** browser.extraArgs */
  extraArgs: readonly string[];
}

export function userDataDirOf(stateDir: string, profile: string): string {
  return join(stateDir, 'browser', profile, 'user-data');
}

/** Launches the system Chromium on the profile's port and connects puppeteer to it. */
export async function launchLocal(def: ProfileDef, port: number, env: ConnectEnv): Promise<LiveProfile> {
  refuseOtherInstancePort(port, def.name, env.others, env.band);
  const executable = findChromium(env.executablePath);
  const userDataDir = userDataDirOf(env.stateDir, def.name);
  await requireFreeCdpPort(port, def.name);
  const chromium = await launchChromium({
    executable,
    port,
    userDataDir,
    headless: def.headless,
    timeoutMs: env.launchTimeoutMs,
    noSandbox: env.noSandbox,
    extraArgs: env.extraArgs,
  });
  try {
    // Our own Chromium just printed its endpoint: connecting is local, so the launch budget applies.
    const session = await BrowserSession.connect(chromium.wsEndpoint, env.launchTimeoutMs, chromium);
    return { session, cdpPort: port, userDataDir, executable };
  } catch (e) {
    await chromium.stop();
    throw e;
  }
}

function defaultPort(url: URL): number {
  return url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
}

/**
 * Attaches to a remote Chrome (`cdpUrl`): never launched, never closed by us, and given up after the
 * attach timeout. A cdpUrl that reaches this host on a port of another instance's footprint is refused.
 */
export async function attachRemote(def: ProfileDef, env: ConnectEnv): Promise<LiveProfile> {
  const cdpUrl = def.cdpUrl!;
  const url = new URL(cdpUrl);
  if (await reachesThisHost(url.hostname)) {
    refuseOtherInstancePort(Number(url.port || defaultPort(url)), def.name, env.others, env.band);
  }
  let wsEndpoint: string;
  if (url.protocol === 'ws:' || url.protocol === 'wss:') wsEndpoint = cdpUrl;
  else {
    const version = await fetchCdpVersion(cdpUrl, env.attachTimeoutMs);
    if (!version) {
      throw new BrowserError(
        `browser profile ${def.name}: no CDP endpoint answered at ${redactUrlPassword(cdpUrl)} within ${env.attachTimeoutMs} ms`,
        'start that Chrome with --remote-debugging-port, or fix the profile cdpUrl',
      );
    }
    // Chrome names itself by the address it bound (often 127.0.0.1); reach it the way the user said.
    const ws = new URL(version.webSocketDebuggerUrl);
    ws.hostname = url.hostname;
    ws.port = url.port;
    ws.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    wsEndpoint = ws.href;
  }
  const session = await BrowserSession.connect(wsEndpoint, env.attachTimeoutMs);
  return { session, cdpUrl };
}
