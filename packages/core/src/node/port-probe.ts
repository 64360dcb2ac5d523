import { createServer, createConnection } from 'node:net';
import { readFile, readdir, readlink } from 'node:fs/promises';

/** Loopback only: Clawport never binds or probes other addresses to learn about ports. */
export const LOOPBACK = '127.0.0.1';

/** True when we could bind the port on host right now (and released it again). */
export function canBind(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number, host = LOOPBACK, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (v: boolean) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface Listener {
  port: number;
  address: string;
  inode: number;
}

function parseProcNetTcp(text: string, v6: boolean): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== '0A') continue; // 0A = LISTEN
    const [addrHex, portHex] = f[1].split(':');
    out.push({ port: parseInt(portHex, 16), address: v6 ? decodeV6(addrHex) : decodeV4(addrHex), inode: Number(f[9]) });
  }
  return out;
}

function decodeV4(hex: string): string {
  const n = parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
}

function decodeV6(hex: string): string {
  if (/^0{32}$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  if (hex.startsWith('0000000000000000FFFF0000')) return `::ffff:${decodeV4(hex.slice(24))}`;
  const words: string[] = [];
  for (let i = 0; i < 32; i += 8) {
    const w = hex.slice(i, i + 8).match(/../g)!.reverse().join('');
    words.push(w.slice(0, 4), w.slice(4));
  }
  return words.map((w) => w.replace(/^0+(?=.)/, '').toLowerCase()).join(':');
}

/**
 * Every TCP listener on the host from the kernel's socket table (Linux /proc/net/tcp{,6}): one read
 * instead of a probe per port. undefined where /proc is not available.
 */
export async function listListeners(): Promise<Listener[] | undefined> {
  try {
    const [v4, v6] = await Promise.all([
      readFile('/proc/net/tcp', 'utf8'),
      readFile('/proc/net/tcp6', 'utf8').catch(() => ''),
    ]);
    return [...parseProcNetTcp(v4, false), ...parseProcNetTcp(v6, true)];
  } catch {
    return undefined;
  }
}

/** Which process holds a socket inode (scans /proc/<pid>/fd; only used to name a conflict's owner). */
export async function pidOfSocketInode(inode: number): Promise<number | undefined> {
  const target = `socket:[${inode}]`;
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === target) return Number(pid);
    }
  }
  return undefined;
}

/**
 * The pid listening on a port (socket table, then /proc/<pid>/fd), to name a conflict's owner.
 * Pass the inode when the caller already read the table. undefined when nobody listens or it is hidden.
 */
export async function listenerPid(port: number, inode?: number): Promise<number | undefined> {
  const socket = inode ?? (await listListeners())?.find((l) => l.port === port)?.inode;
  return socket !== undefined && socket > 0 ? pidOfSocketInode(socket) : undefined;
}

/** The command name of a process (`python3`), undefined when it cannot be read (gone, hidden, no /proc). */
export async function commandOf(pid: number): Promise<string | undefined> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() || undefined;
}

/** `pid 4242 (python3)`, or `pid 4242` when its command name cannot be read. */
export async function describePid(pid: number): Promise<string> {
  const comm = await commandOf(pid);
  return comm ? `pid ${pid} (${comm})` : `pid ${pid}`;
}

/** Ports in [start, end] with a listener right now (socket table, else connect probes on loopback). */
export async function busyPortsIn(start: number, end: number): Promise<Set<number>> {
  const listeners = await listListeners();
  const busy = new Set<number>();
  if (listeners) {
    for (const l of listeners) if (l.port >= start && l.port <= end) busy.add(l.port);
    return busy;
  }
  const checks: Promise<void>[] = [];
  for (let p = start; p <= end; p++) checks.push(isListening(p).then((on) => void (on && busy.add(p))));
  await Promise.all(checks);
  return busy;
}
