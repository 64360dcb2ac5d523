import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import { canonicalAddress, isLoopbackAddress, isUnspecifiedAddress } from '../address/loopback.js';

/**
 * Every address a host form stands for, canonical (IPv4-mapped IPv6 as IPv4): a literal is itself,
 * a name is what the resolver returns (all of it). Empty when the name does not resolve.
 */
export async function hostAddresses(host: string): Promise<string[]> {
  const literal = canonicalAddress(host);
  if (literal !== undefined) return [literal];
  const name = host.replace(/^\[|\]$/g, '');
  const found = await lookup(name, { all: true, verbatim: true }).catch(() => []);
  return [...new Set(found.map((a) => canonicalAddress(a.address) ?? a.address))];
}

/** Addresses of this machine's interfaces, canonical. */
export function ownAddresses(): Set<string> {
  const out = new Set<string>();
  for (const addrs of Object.values(networkInterfaces())) for (const a of addrs ?? []) out.add(canonicalAddress(a.address) ?? a.address);
  return out;
}

/**
 * Whether a host (name or any literal form) reaches this machine: resolved first, then true when any
 * address is loopback, unspecified or one of our interfaces'. Decides "local, so maybe another
 * instance's port" for a cdpUrl or a URL a browser profile is asked to open.
 */
export async function reachesThisHost(host: string): Promise<boolean> {
  const addresses = await hostAddresses(host);
  const own = ownAddresses();
  return addresses.some((a) => isLoopbackAddress(a) || isUnspecifiedAddress(a) || own.has(a));
}
