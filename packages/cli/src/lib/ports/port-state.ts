import type { ResolvedClaim, RuntimeInfo } from '@clawport/core';
import { commandOf, listenerPid, type Listener } from '@clawport/core/node';

/**
 * What is on a claim's ports right now: `listening` (our running gateway holds them), `free`, or
 * `in use` (a listener that is not this instance's gateway: a conflict waiting to happen).
 */
export type PortState = 'listening' | 'free' | 'in use';

export interface PortReport {
  id: string;
  role: string;
  owner: string;
  bind: string;
  start: number;
  end: number;
  state: PortState;
  /** Ports of the claim with a listener right now. */
  busy: number[];
  /** For `in use`: who holds each foreign port (pid and command when the kernel tells; see withHolders). */
  heldBy?: PortHolderInfo[];
}

export interface PortHolderInfo {
  port: number;
  pid?: number;
  command?: string;
}

/**
 * Names the process behind every port of an `in use` claim (as the gateway's own conflict error does):
 * pid from the kernel's socket table, command from /proc. Ports of our own gateway are left out.
 */
export async function withHolders(reports: PortReport[], listeners: readonly Listener[], runtime: RuntimeInfo | undefined): Promise<PortReport[]> {
  return Promise.all(
    reports.map(async (r) => {
      if (r.state !== 'in use') return r;
      const heldBy: PortHolderInfo[] = [];
      for (const port of r.busy) {
        if (ours(port, runtime)) continue;
        const pid = await listenerPid(port, listeners.find((l) => l.port === port)?.inode);
        if (pid !== undefined && runtime && (pid === runtime.pid || pid === runtime.enginePid)) continue;
        const command = pid === undefined ? undefined : await commandOf(pid);
        heldBy.push({ port, ...(pid !== undefined && { pid }), ...(command && { command }) });
      }
      return { ...r, heldBy };
    }),
  );
}

/** `18794 (pid 4242 python3)`, or the port alone when the kernel does not say (another user's process). */
export function holderText(h: PortHolderInfo): string {
  if (h.pid === undefined) return `${h.port} (process not visible to this user)`;
  return `${h.port} (pid ${h.pid}${h.command ? ` ${h.command}` : ''})`;
}

/** A port counts as ours when the runtime file lists it (every bound role) or, for ranges, the gateway runs. */
function ours(port: number, runtime: RuntimeInfo | undefined): boolean {
  if (!runtime) return false;
  return runtime.ports.some((p) => port >= p.start && port <= p.end);
}

export function portReports(
  claims: readonly ResolvedClaim[],
  runtime: RuntimeInfo | undefined,
  listeners: readonly Listener[],
): PortReport[] {
  const listening = new Set(listeners.map((l) => l.port));
  return claims.map((c) => {
    const busy: number[] = [];
    for (const port of listening) if (port >= c.start && port <= c.end) busy.push(port);
    busy.sort((a, b) => a - b);
    // The CDP band is bound by Chromium, not the gateway: while the gateway runs, its band is ours.
    const mine = (p: number) => ours(p, runtime) || (runtime !== undefined && c.end > c.start);
    const state: PortState = busy.length === 0 ? 'free' : busy.every(mine) ? 'listening' : 'in use';
    return { id: c.id, role: c.role, owner: c.owner, bind: c.bind, start: c.start, end: c.end, state, busy };
  });
}
