import { networkInterfaces } from 'node:os';
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

/**
 * Whether a host name reaches this machine: loopback names and addresses, or one of our interfaces'
 * addresses. Only then can a cdpUrl's port belong to another instance on this host.
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)) return true;
  if (host === '0.0.0.0' || host === '::') return true;
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.address.toLowerCase() === host) return true;
  }
  return false;
}

/** Loopback only: what the control service and Chromium's debugging port may bind. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
