import { readdir, readFile, readlink } from 'node:fs/promises';
import { listListeners, type Listener } from '@clawport/core/node';

/** Socket inodes a process holds open (from /proc/<pid>/fd). */
export async function socketInodes(pid: number): Promise<Set<number>> {
  const out = new Set<number>();
  let fds: string[];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m) out.add(Number(m[1]));
  }
  return out;
}

/** Every pid in a process group (Chromium runs in its own group, with renderers and a zygote). */
export async function pidsInGroup(pgid: number): Promise<number[]> {
  const out: number[] = [];
  for (const d of await readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = await readFile(`/proc/${d}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised command: state ppid pgrp ...
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(rest[2]) === pgid) out.push(Number(d));
  }
  return out;
}

/** Kernel socket table entries (LISTEN) held by any of these pids. */
export async function listenersOf(pids: readonly number[]): Promise<Listener[]> {
  const inodes = new Set<number>();
  for (const pid of pids) for (const i of await socketInodes(pid)) inodes.add(i);
  const all = await listListeners();
  if (!all) throw new Error('no /proc/net/tcp: this suite needs Linux');
  return all.filter((l) => inodes.has(l.inode));
}

/** Ports in [from, to] with a listener right now, whoever holds it. */
export async function listeningIn(from: number, to: number): Promise<Listener[]> {
  const all = await listListeners();
  if (!all) throw new Error('no /proc/net/tcp: this suite needs Linux');
  return all.filter((l) => l.port >= from && l.port <= to);
}
