import { readFile } from 'node:fs/promises';
import type { DiscoveredInstance } from '@clawport/core/node';
import { listListeners, pidOfSocketInode } from '@clawport/core/node';

/** The command name of a process, for messages ("pid 4242 (python3)"). */
async function commandName(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/comm`, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Names who holds a port, most useful first: our instance by name (a running gateway whose runtime
 * file lists the port), else the pid (and command) from the socket table, else "another process".
 */
export async function describePortOwner(port: number, others: readonly DiscoveredInstance[], inode?: number): Promise<string> {
  let pid: number | undefined;
  if (inode === undefined) {
    const listener = (await listListeners())?.find((l) => l.port === port);
    inode = listener?.inode;
  }
  if (inode !== undefined && inode > 0) pid = await pidOfSocketInode(inode);
  for (const d of others) {
    const rt = d.runtime;
    if (!rt) continue;
    const listsPort = rt.ports.some((p) => port >= p.start && port <= p.end);
    if (listsPort && (pid === undefined || pid === rt.pid)) return `instance ${d.instance.name} (pid ${rt.pid})`;
  }
  if (pid !== undefined) {
    const comm = await commandName(pid);
    return comm ? `pid ${pid} (${comm})` : `pid ${pid}`;
  }
  return 'another process';
}
