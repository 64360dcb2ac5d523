import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, validateConfig } from '@clawport/core';
import { BrowserError } from '../../src/errors.js';
import { findChromium } from '../../src/chromium/executable.js';
import { chromiumArgs, managedFlagIn, sandboxUnavailable } from '../../src/chromium/flags.js';

describe('chromium/findChromium', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clawport-exe-'));
    await writeFile(join(dir, 'not-executable'), '', { mode: 0o644 });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('auto-detects the system Chromium', () => assert.equal(findChromium(undefined), '/usr/bin/chromium'));
  it('uses browser.executablePath when it is executable', () => assert.equal(findChromium('/usr/bin/chromium'), '/usr/bin/chromium'));

  const bad: Array<[string, (d: string) => string]> = [
    ['a missing path', (d) => join(d, 'nope')],
    ['a file without x bit', (d) => join(d, 'not-executable')],
    ['a directory', (d) => d],
  ];
  for (const [what, path] of bad) {
    it(`refuses ${what} in browser.executablePath as a config error`, () => {
      assert.throws(() => findChromium(path(dir)), (e: unknown) => e instanceof ConfigError && /browser\.executablePath: .* is not an executable file/.test(e.message));
    });
  }

  it('finds a Chrome by name on PATH when /usr/bin has none', async () => {
    await writeFile(join(dir, 'google-chrome'), '#!/bin/sh\n', { mode: 0o755 });
    try {
      assert.equal(findChromium(undefined, { PATH: dir }, [], []), join(dir, 'google-chrome'));
    } finally {
      await rm(join(dir, 'google-chrome'));
    }
  });

  it('says what to install when nothing is found', () => {
    assert.throws(() => findChromium(undefined, { PATH: dir }, [], []), (e: unknown) => {
      assert.ok(e instanceof BrowserError);
      assert.match(e.message, /^no Chromium or Chrome found \(looked for chromium, chromium-browser, google-chrome/);
      assert.match(e.suggestion ?? '', /apt-get install chromium.*browser\.executablePath/);
      return true;
    });
  });
});

describe('chromium/chromiumArgs: product defaults, lock-downs from config (issue 12 item 12)', () => {
  const RESOLVER_BLOCK = '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost, EXCLUDE 127.0.0.1';

  it('defaults: sandbox on, real DNS (no resolver rule), CDP on loopback, own user-data dir', () => {
    const args = chromiumArgs({ port: 25011, userDataDir: '/s/browser/openclaw/user-data', headless: true, noSandbox: false });
    for (const flag of ['--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=25011', '--user-data-dir=/s/browser/openclaw/user-data']) {
      assert.ok(args.includes(flag), flag);
    }
    assert.ok(!args.includes('--no-sandbox'), 'the sandbox stays on');
    assert.ok(!args.some((a) => a.startsWith('--host-resolver-rules')), 'real DNS: no resolver rule');
    assert.ok(!chromiumArgs({ port: 1, userDataDir: '/x', headless: false, noSandbox: false }).some((a) => a.startsWith('--headless')));
  });

  it('a lock-down from browser.extraArgs is applied; --no-sandbox only when asked', () => {
    const args = chromiumArgs({ port: 25011, userDataDir: '/u', headless: true, noSandbox: true, extraArgs: [RESOLVER_BLOCK, '--proxy-server=http://127.0.0.1:9'] });
    assert.ok(args.includes(RESOLVER_BLOCK) && args.includes('--proxy-server=http://127.0.0.1:9') && args.includes('--no-sandbox'));
    // our own flags come after the extras, so the loopback CDP address is never moved by them
    assert.ok(args.indexOf('--remote-debugging-address=127.0.0.1') > args.indexOf(RESOLVER_BLOCK));
  });

  it('extraArgs may not set a flag Clawport manages; the schema refuses it too', () => {
    assert.equal(managedFlagIn(['--remote-debugging-address=0.0.0.0']), '--remote-debugging-address=0.0.0.0');
    assert.equal(managedFlagIn(['--user-data-dir=/shared']), '--user-data-dir=/shared');
    assert.equal(managedFlagIn([RESOLVER_BLOCK]), undefined);
    assert.throws(() => validateConfig({ browser: { extraArgs: ['--remote-debugging-port=9222'] } }, 'x.json'), /browser\.extraArgs: may not set --remote-debugging-address/);
  });

  it('the sandbox cannot work as root (said why); it can otherwise', () => {
    assert.match(sandboxUnavailable(0) ?? '', /runs as root/);
    assert.equal(sandboxUnavailable(1000), undefined);
  });
});
