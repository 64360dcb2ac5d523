import { formatRange } from '@clawport/core';
import { CdpBandExhaustedError } from '../errors.js';

/**
 * The lowest port of the CDP band that is neither claimed (config or a running/starting profile) nor
 * bound by any process right now. Ports are probed one by one from the bottom, so a foreign listener
 * on the next port is simply skipped.
 */
export async function lowestFreeCdpPort(
  band: { start: number; end: number },
  claimed: ReadonlySet<number>,
  canBind: (port: number) => Promise<boolean>,
): Promise<number> {
  let bound = 0;
  for (let port = band.start; port <= band.end; port++) {
    if (claimed.has(port)) continue;
    if (await canBind(port)) return port;
    bound++;
  }
  const size = band.end - band.start + 1;
  throw new CdpBandExhaustedError(
    `CDP band ${formatRange(band.start, band.end)} is exhausted: ${size - bound} of ${size} ports are claimed by browser profiles, ${bound} are bound by other processes`,
    'delete unused browser profiles (see: browser profiles), or give a profile a remote --cdp-url',
  );
}
