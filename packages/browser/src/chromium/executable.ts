import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ConfigError } from '@clawport/core';
import { BrowserError } from '../errors.js';

/** Names of a system Chromium/Chrome, most likely first. Debian's package installs /usr/bin/chromium. */
const CANDIDATE_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const CANDIDATE_PATHS = [
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser binary to launch: `browser.executablePath` when set (it must exist: a typo is a config
 * error, not a silent fallback), else the first system Chromium/Chrome found in /usr/bin, PATH or the
 * usual app locations.
 */
export function findChromium(
  configured: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  fixedDirs: readonly string[] = ['/usr/bin'],
  appPaths: readonly string[] = CANDIDATE_PATHS,
): string {
  if (configured !== undefined) {
    if (!isExecutableFile(configured)) {
      throw new ConfigError(
        `browser.executablePath: ${configured} is not an executable file`,
        'install Chromium or fix the path: clawport config set browser.executablePath /usr/bin/chromium',
        { keyPath: 'browser.executablePath' },
      );
    }
    return configured;
  }
  const dirs = [...fixedDirs, ...(env.PATH ?? '').split(delimiter).filter(Boolean)];
  for (const name of CANDIDATE_NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutableFile(path)) return path;
    }
  }
  const found = appPaths.find(isExecutableFile);
  if (found) return found;
  throw new BrowserError(
    `no Chromium or Chrome found (looked for ${CANDIDATE_NAMES.join(', ')} in ${fixedDirs.length ? `${fixedDirs.join(', ')} and ` : ''}PATH)`,
    'install one (Debian: apt-get install chromium) or set browser.executablePath',
  );
}
