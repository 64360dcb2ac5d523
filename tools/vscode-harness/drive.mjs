// Drives code-server's web workbench in headless Debian Chromium so that the server's Node extension host
// loads an extension in development mode and runs its mocha suite (extensionTestsPath), like
// @vscode/test-electron does for desktop. Exits with the extension host's exit code.
//
// Screenshot handshake (SHOT_DIR set): the suite, running in the extension host, writes
// `<SHOT_DIR>/<name>.request` = {"png": "/abs/file.png", "expect": ["row text", ...]} at the moment it wants a
// picture (e.g. with real gateways running), optionally with "selector" (default ".part.sidebar"); the driver
// waits until that part of the workbench shows every expected text,
// saves the PNG (plus `<png>-sidebar.png` of the side bar alone) and answers with `<name>.done` or `<name>.failed`.
/* global document -- the waitForFunction callback runs in the page */
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

// puppeteer-core is resolved from the harness install ($HARNESS_MODULES): ESM imports ignore NODE_PATH.
const require = createRequire(import.meta.url);
const puppeteer = require(require.resolve('puppeteer-core', { paths: [process.env.HARNESS_MODULES ?? '', import.meta.dirname] }));

const base = process.env.CS_URL ?? 'http://127.0.0.1:18080';
const ext = process.env.EXT_DIR;
const ws = process.env.WS_DIR;
const shotDir = process.env.SHOT_DIR;
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 300000);
const authority = new URL(base).host;
const remote = (p) => `vscode-remote://${authority}${p}`;

// Env for the extension host: every EXT_TEST_* variable, plus those named in EXT_PASS_ENV (comma list).
const passNames = (process.env.EXT_PASS_ENV ?? '').split(',').filter(Boolean);
const hostEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k.startsWith('EXT_TEST_') || passNames.includes(k)),
);
const payload = [
  ['extensionDevelopmentPath', remote(ext)],
  ['extensionTestsPath', remote(process.env.EXT_TESTS_PATH ?? `${ext}/out/test/suite/index`)],
  ['extensionEnvironment', JSON.stringify(hostEnv)],
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
];
const url = `${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const NOISE = /AgentHost|ChatModelSelection|extensionquery|127\.0\.0\.1:9|Failed to load resource|vsda/;

/**
 * Drags the side bar's edge out to ~560 px, as a user would to read whole rows (the default width cuts
 * them after the port). Checked before every picture: the workbench may lay the side bar out anew.
 */
async function widenSideBar(page) {
  const box = await (await page.$('.part.sidebar'))?.boundingBox();
  if (!box || box.width >= 500) return;
  // The sash on the side bar's edge (VS Code resizes on pointer events over it, after a hover).
  const edge = box.x + box.width;
  let sash;
  for (const el of await page.$$('.monaco-sash.vertical')) {
    const b = await el.boundingBox();
    if (b && Math.abs(b.x + b.width / 2 - edge) < 8 && b.height > box.height / 2) sash = b;
  }
  if (!sash) return;
  const x = sash.x + sash.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await new Promise((r) => setTimeout(r, 400));
  await page.mouse.down();
  await page.mouse.move(x + 200, y, { steps: 5 });
  await page.mouse.move(box.x + 560, y, { steps: 5 });
  await page.mouse.up();
}

async function serveScreenshots(page, stop) {
  while (!stop.done) {
    for (const f of existsSync(shotDir) ? readdirSync(shotDir) : []) {
      if (!f.endsWith('.request')) continue;
      const reqFile = join(shotDir, f);
      const name = f.slice(0, -'.request'.length);
      renameSync(reqFile, `${reqFile}.taken`);
      try {
        // selector: the part of the workbench that must show every expected text (default: the side bar)
        const { png, expect = [], selector = '.part.sidebar' } = JSON.parse(readFileSync(`${reqFile}.taken`, 'utf8'));
        await page.waitForFunction(
          (texts, sel) => {
            const side = document.querySelector(sel)?.textContent ?? '';
            return texts.every((t) => side.includes(t));
          },
          { timeout: Number(process.env.SHOT_WAIT_MS ?? 30000) },
          expect,
          selector,
        );
        await widenSideBar(page);
        await new Promise((r) => setTimeout(r, 700)); // let icons and codicons paint
        const rows = await page.$$eval('.part.sidebar .monaco-list-row', (rs) => rs.map((r) => r.textContent?.trim()));
        console.log(`[driver] screenshot ${name}: rows ${JSON.stringify(rows)}`);
        await page.screenshot({ path: png });
        // The side bar alone, clipped from the page by its box (an element screenshot scrolls it into view
        // through Runtime.callFunctionOn, which timed out on a loaded machine).
        const box = await (await page.$('.part.sidebar'))?.boundingBox();
        if (box) await page.screenshot({ path: png.replace(/\.png$/, '-sidebar.png'), clip: box });
        writeFileSync(join(shotDir, `${name}.done`), png);
      } catch (e) {
        writeFileSync(join(shotDir, `${name}.failed`), String(e?.message ?? e));
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const t0 = Date.now();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1', '--window-size=1280,800'],
  defaultViewport: { width: 1280, height: 800 },
  // A paint of the workbench can take minutes on a loaded 2-core machine: the suite's own timeouts bound it.
  protocolTimeout: timeoutMs,
});
let exitCode;
const stop = { done: false };
try {
  const page = await browser.newPage();
  page.on('console', async (m) => {
    // Extension-host lines arrive as ('%c INFO', 'color: …', fmt, ...args): rebuild them with util.format.
    let args;
    try { args = await Promise.all(m.args().map((a) => a.jsonValue())); } catch { args = [m.text()]; }
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
    const t = args.length ? format(...args) : m.text();
    if (NOISE.test(t)) return;
    console.log(m.type() === 'error' ? `[browser error] ${t}` : t);
  });
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  // Must exist before goto: the workbench calls it when the extension host running the tests exits.
  await page.exposeFunction('codeAutomationExit', (code) => { resolveExit(code); });
  // the workbench page is large: on a loaded machine its first load takes longer than puppeteer's 30 s default
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  const shots = shotDir ? serveScreenshots(page, stop) : Promise.resolve();
  exitCode = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
  stop.done = true;
  await shots;
  if (exitCode === 'timeout') { console.log(`TIMEOUT after ${timeoutMs} ms`); exitCode = 3; }
  console.log(`extension tests exited with code ${exitCode} after ${Date.now() - t0} ms`);
} catch (e) {
  console.log('driver error:', e);
  exitCode = 4;
} finally {
  stop.done = true;
  await browser.close();
}
process.exit(exitCode);
