/**
 * Flags for a locked-down host: no sandbox (we often run as root in containers), no GPU, no background
 * traffic, and a resolver that keeps every lookup on loopback. The debugging port binds 127.0.0.1 only.
 */
export function chromiumArgs(opts: { port: number; userDataDir: string; headless: boolean }): string[] {
  return [
    ...(opts.headless ? ['--headless=new'] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--no-first-run',
    '--no-default-browser-check',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1',
    '--remote-debugging-address=127.0.0.1',
    `--remote-debugging-port=${opts.port}`,
    `--user-data-dir=${opts.userDataDir}`,
    '--window-size=1280,800',
    'about:blank',
  ];
}
