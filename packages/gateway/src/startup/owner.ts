import type { DiscoveredInstance } from '@clawport/core/node';
import { describePid, listenerPid } from '@clawport/core/node';

/**
 * Names who holds a port, most useful first: our instance by name (a running gateway whose runtime
 * file lists the port), else the pid (and command) from the socket table, else "another process".
 */
export async function describePortOwner(port: number, others: readonly DiscoveredInstance[], inode?: number): Promise<string> {
  const pid = await listenerPid(port, inode);
  for (const d of others) {
    const rt = d.runtime;
    if (!rt) continue;
    const listsPort = rt.ports.some((p) => port >= p.start && port <= p.end);
    if (listsPort && (pid === undefined || pid === rt.pid || pid === rt.enginePid)) return `instance ${d.instance.name} (pid ${rt.pid})`;
  }
  return pid === undefined ? 'another process' : describePid(pid);
}
