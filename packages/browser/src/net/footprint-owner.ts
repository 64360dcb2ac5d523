import { describeClaim, type ResolvedClaim } from '@clawport/core';

export type OtherFootprints = Array<{ instance: string; claims: ResolvedClaim[] }>;

/** The instance (and claim) of another footprint a port falls into, if any. */
export function ownerOfPort(
  port: number,
  others: OtherFootprints,
): { instance: string; claim: ResolvedClaim; label: string } | undefined {
  for (const { instance, claims } of others) {
    for (const claim of claims) {
      if (port >= claim.start && port <= claim.end) {
        return { instance, claim, label: describeClaim({ instance, claim }) };
      }
    }
  }
  return undefined;
}

/** The one loopback rule and the one "reaches this host" (resolved first), both from core. */
export { isLoopbackHost } from '@clawport/core';
export { reachesThisHost } from '@clawport/core/node';
