import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { BrowserError } from '../errors.js';
import { chromiumArgs, type ChromiumArgsOptions } from './flags.js';
import { removePidFile, writePidFile } from './leftover.js';

export interface LaunchOptions extends ChromiumArgsOptions {
  executable: string;
  /** How long Chromium may take to print its DevTools endpoint. */
  timeoutMs: number;
}

/** A Chromium this gateway launched: its own process group, reaped and swept when it exits. */
export interface LaunchedChromium {
  pid: number;
  port: number;
  /** `ws://127.0.0.1:N/devtools/browser/<id>`, as Chromium printed it. */
  wsEndpoint: string;
  /** Resolves when the main process exited (and was reaped), with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** SIGTERM the group, SIGKILL after graceMs; resolves once the main process was reaped. */
  stop(graceMs?: number): Promise<void>;
}

const DEVTOOLS_LINE = /DevTools listening on (ws:\/\/\S+)/;
/** Chromium logs dbus noise on hosts without a session bus; it says nothing about why a launch failed. */
const NOISE = /dbus|^\s*$|unexpected operator/;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Launches Chromium in its own process group and waits until it prints its DevTools endpoint (that line
 * only appears once *this* process bound the port, so a foreign listener can't be mistaken for it).
 */
export function launchChromium(opts: LaunchOptions): Promise<LaunchedChromium> {
  mkdirSync(opts.userDataDir, { recursive: true, mode: 0o700 });
  const child = spawn(opts.executable, chromiumArgs(opts), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const tail: string[] = [];
  let exited = false;
  const exitedPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      removePidFile(opts.userDataDir);
      // Renderers and the zygote outlive a SIGKILLed main process for a moment: sweep the group.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      resolve({ code, signal });
    });
  });

  return new Promise<LaunchedChromium>((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      const detail = tail.filter((l) => !NOISE.test(l)).slice(-3).join(' | ');
      reject(new BrowserError(`Chromium (${opts.executable}) ${why}${detail ? `: ${detail}` : ''}`, 'see the gateway log'));
    };
    const timer = setTimeout(() => fail(`did not open CDP port ${opts.port} within ${opts.timeoutMs} ms`), opts.timeoutMs);
    child.once('error', (err) => fail(`could not be started (${err.message})`));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before CDP port ${opts.port} was ready`));
    child.stderr.setEncoding('utf8');
    // Keep draining stderr for the browser's whole life, or a chatty Chromium blocks on a full pipe.
    child.stderr.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        const m = DEVTOOLS_LINE.exec(line);
        if (m && !settled) {
          settled = true;
          clearTimeout(timer);
          const pid = child.pid!;
          writePidFile(opts.userDataDir, pid, opts.port);
          resolve({
            pid,
            port: opts.port,
            wsEndpoint: m[1],
            exited: exitedPromise,
            hasExited: () => exited,
            stop: async (graceMs = 3000) => {
              if (exited) return;
              killGroup(pid, 'SIGTERM');
              const t = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
              await exitedPromise;
              clearTimeout(t);
            },
          });
        }
      }
    });
  });
}
