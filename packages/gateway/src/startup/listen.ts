import type { Server } from 'node:http';
import type { ResolvedInstance, ResolvedClaim } from '@clawport/core';
import type { DiscoveredInstance } from '@clawport/core/node';
import { conflict } from './preflight.js';
import { describePortOwner } from './owner.js';

/**
 * Binds a server exclusively. A port grabbed between the preflight check and this bind becomes the
 * same PortConflictError the preflight would have raised; nothing stays bound.
 */
export function listenExclusive(
  server: Server,
  port: number,
  host: string,
  ctx: { instance: ResolvedInstance; claim: ResolvedClaim; others: readonly DiscoveredInstance[] },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
        void describePortOwner(port, ctx.others).then((owner) => reject(conflict(ctx.instance, ctx.claim, port, owner)), reject);
      } else reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, exclusive: true });
  });
}
