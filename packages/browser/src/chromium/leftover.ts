import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canBind } from '@clawport/core/node';

/**
 * A gateway killed with SIGKILL cannot stop its Chromium (it runs in its own process group), and that
 * Chromium keeps the profile's user-data dir locked: a new launch would hand over to it and exit. So a
 * launch records `chromium.pid` next to the user-data dir, and the next start of the profile stops a
 * leftover — only when its command line names exactly this user-data dir, never another browser.
 */
export function pidFileOf(userDataDir: string): string {
  return join(dirname(userDataDir), 'chromium.pid');
}

export function writePidFile(userDataDir: string, pid: number, port: number): void {
  writeFileSync(pidFileOf(userDataDir), `${JSON.stringify({ pid, port })}\n`, { mode: 0o600 });
}

export function removePidFile(userDataDir: string): void {
  rmSync(pidFileOf(userDataDir), { force: true });
}

function readPidFile(userDataDir: string): { pid: number; port?: number } | undefined {
  try {
    const { pid, port } = JSON.parse(readFileSync(pidFileOf(userDataDir), 'utf8')) as { pid?: unknown; port?: unknown };
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 1) return undefined;
    return { pid, ...(typeof port === 'number' ? { port } : {}) };
  } catch {
    return undefined;
  }
}

/** True when pid runs a Chromium on this user-data dir (Linux /proc; elsewhere we never claim it). */
function runsOurProfile(pid: number, userDataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`--user-data-dir=${userDataDir}`);
  } catch {
    return false;
  }
}

/** Live (non-zombie) members of a process group; renderers and helpers may outlive the main process. */
function groupAlive(pgrp: number): boolean {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return false;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgrp && fields[0] !== 'Z') return true;
    } catch {
      // exited while we looked
    }
  }
  return false;
}

async function groupGone(pgrp: number, ms: number): Promise<boolean> {
  for (let waited = 0; waited <= ms; waited += 50) {
    if (!groupAlive(pgrp)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Stops a Chromium left by an earlier gateway on this profile; returns its pid when there was one. */
export async function stopLeftover(userDataDir: string): Promise<number | undefined> {
  const recorded = readPidFile(userDataDir);
  const pid = recorded?.pid;
  if (pid === undefined || !runsOurProfile(pid, userDataDir)) {
    removePidFile(userDataDir);
    return undefined;
  }
  // Chromium leads its own group (we launch it detached), so the group id is its pid.
  signalGroup(pid, 'SIGTERM');
  if (!(await groupGone(pid, 3000))) {
    signalGroup(pid, 'SIGKILL');
    await groupGone(pid, 2000);
  }
  // The kernel may release the listening socket a moment after the last process is gone.
  if (recorded?.port !== undefined) {
    for (let waited = 0; waited < 3000 && !(await canBind(recorded.port)); waited += 50) await new Promise((r) => setTimeout(r, 50));
  }
  removePidFile(userDataDir);
  return pid;
}
