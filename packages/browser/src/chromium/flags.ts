import { isManagedChromiumFlag } from '@clawport/core';

export interface ChromiumArgsOptions {
  port: number;
  userDataDir: string;
  headless: boolean;
  /**
   * Launch without Chromium's sandbox: only when it cannot work (`sandboxUnavailable`, e.g. running as
   * root) or the user asked for it (`browser.noSandbox`).
   */
  noSandbox: boolean;
  /** `browser.extraArgs`: lock-downs from config (a resolver rule, a proxy, …), appended as given. */
  extraArgs?: readonly string[];
}

/**
 * Product defaults: Chromium's sandbox on, real DNS, no GPU, no background traffic (updates, sync,
 * component downloads), CDP on 127.0.0.1 only, one user-data dir per profile. Anything stricter (a
 * resolver that blocks the web, as the tests set) comes from `browser.extraArgs`.
 */
export function chromiumArgs(opts: ChromiumArgsOptions): string[] {
  return [
    ...(opts.headless ? ['--headless=new'] : []),
    ...(opts.noSandbox ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--no-first-run',
    '--no-default-browser-check',
    ...(opts.extraArgs ?? []),
    '--remote-debugging-address=127.0.0.1',
    `--remote-debugging-port=${opts.port}`,
    `--user-data-dir=${opts.userDataDir}`,
    '--window-size=1280,800',
    'about:blank',
  ];
}

/**
 * The extra arg that would override a flag Clawport manages (core's CHROMIUM_MANAGED_FLAGS: CDP off
 * loopback, a shared profile dir), or undefined. The schema refuses them; this guards a config
 * that reached the plugin another way.
 */
export function managedFlagIn(extraArgs: readonly string[]): string | undefined {
  return extraArgs.find(isManagedChromiumFlag);
}

/**
 * Why Chromium's sandbox cannot work in this process, or undefined when it can. Chromium refuses to
 * start sandboxed as root ("Running as root without --no-sandbox is not supported").
 */
export function sandboxUnavailable(uid: number | undefined = process.getuid?.()): string | undefined {
  return uid === 0 ? 'the gateway runs as root, where Chromium cannot sandbox itself' : undefined;
}
