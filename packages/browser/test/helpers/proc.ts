import { readFile, readdir, readlink } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { listListeners } from '@clawport/core/node';

/** Fields of /proc/<pid>/stat after the command name: state, ppid, pgrp. */
async function stat(pid: number): Promise<{ state: string; ppid: number; pgrp: number } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: f[0], ppid: Number(f[1]), pgrp: Number(f[2]) };
}

async function allPids(): Promise<number[]> {
  return (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
}

/** Live (non-zombie) processes of a process group. */
export async function groupMembers(pgrp: number): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await allPids()) {
    const s = await stat(pid);
    if (s && s.pgrp === pgrp && s.state !== 'Z') out.push(pid);
  }
  return out;
}

/** Zombie children of this test process: what "no zombies" means for us. */
export async function zombieChildren(): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await allPids()) {
    const s = await stat(pid);
    if (s && s.ppid === process.pid && s.state === 'Z') out.push(pid);
  }
  return out;
}

/** TCP listeners (address:port) held by any process of a group, from /proc/net/tcp{,6} and fds. */
export async function listenersOfGroup(pgrp: number): Promise<Array<{ address: string; port: number }>> {
  const inodes = new Set<number>();
  for (const pid of await groupMembers(pgrp)) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const m = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''));
      if (m) inodes.add(Number(m[1]));
    }
  }
  return ((await listListeners()) ?? []).filter((l) => inodes.has(l.inode)).map((l) => ({ address: l.address, port: l.port }));
}

/** Polls a condition; a bounded wait for something the OS does asynchronously (process exit). */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, tries = 300): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for: ${what}`);
}

/** A loopback page server: /page?who=X&bg=RRGGBB renders a title and a solid background. */
export async function pageServer(): Promise<{ url: (who: string, bg: string) => string; close: () => Promise<void> }> {
  const server: HttpServer = createHttpServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const who = (u.searchParams.get('who') ?? 'page').replace(/[^\w-]/g, '');
    const bg = (u.searchParams.get('bg') ?? 'ffffff').replace(/[^0-9a-f]/gi, '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>${who}</title><body style="margin:0;background:#${bg}"><h1 style="color:#${bg}">${who}</h1></body>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: (who, bg) => `http://127.0.0.1:${port}/page?who=${who}&bg=${bg}`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** A fake CDP endpoint: answers /json/version like Chrome and counts the requests it got. */
export async function fakeCdp(port: number): Promise<{ hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = createHttpServer((req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Browser: 'FakeChrome/1.0', webSocketDebuggerUrl: `ws://127.0.0.1:${port}/devtools/browser/fake` }));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    hits: () => hits,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
