import { redactUrlPassword } from '@clawport/core';
import { findChromium } from './chromium/executable.js';
import { userDataDirOf, type LiveProfile } from './connect-profile.js';
import { fetchCdpVersion } from './net/probe.js';
import type { ProfileDef } from './profiles/profiles.js';
import type { BrowserStatus } from './types.js';

export interface StatusEnv {
  controlPort: number;
  stateDir: string;
  executablePath: string | undefined;
  /** The port handed out at runtime to a profile without a configured cdpPort, if any yet. */
  runtimePort: number | undefined;
}

/**
 * What `browser status` reports for one profile. For a local profile that is not running, its port is
 * asked for CDP: a browser answering there was not launched by this gateway, and the user is told so.
 */
export async function profileStatus(def: ProfileDef, live: LiveProfile | undefined, env: StatusEnv): Promise<BrowserStatus> {
  const status: BrowserStatus = {
    enabled: true,
    controlPort: env.controlPort,
    profile: def.name,
    running: live !== undefined,
    kind: def.cdpUrl !== undefined ? 'remote' : 'local',
    tabs: 0,
    headless: def.headless,
  };
  // Shown to any operator.read client: a password in the URL stays with the config.
  if (def.cdpUrl !== undefined) status.cdpUrl = redactUrlPassword(def.cdpUrl);
  else {
    const port = live?.cdpPort ?? def.cdpPort ?? env.runtimePort;
    if (port !== undefined) status.cdpPort = port;
    status.userDataDir = userDataDirOf(env.stateDir, def.name);
    try {
      status.executable = live?.executable ?? findChromium(env.executablePath);
    } catch (e) {
      status.note = (e as Error).message;
    }
    if (!live && port !== undefined) {
      const stray = await fetchCdpVersion(`http://127.0.0.1:${port}`, 1000);
      if (stray) status.note = `port ${port} answers CDP (${stray.Browser}) but this gateway did not launch it`;
    }
  }
  if (live) {
    status.version = live.session.version;
    if (live.session.chromium) status.pid = live.session.chromium.pid;
    status.tabs = (await live.session.browser.pages()).length;
  }
  return status;
}
