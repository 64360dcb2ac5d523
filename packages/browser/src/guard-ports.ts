import { PortConflictError, formatRange } from '@clawport/core';
import { canBind } from '@clawport/core/node';
import { ForeignCdpError } from './errors.js';
import { ownerOfPort, reachesThisHost, type OtherFootprints } from './net/footprint-owner.js';
import { describeListener, fetchCdpVersion } from './net/probe.js';

/**
 * Refuses a CDP port inside another instance's footprint, naming that instance: driving another
 * gateway's browser would mix two bots' sessions, the isolation failure the seed warns about.
 */
export function refuseOtherInstancePort(
  port: number,
  profile: string,
  others: OtherFootprints,
  band: { start: number; end: number },
): void {
  const owner = ownerOfPort(port, others);
  if (!owner) return;
  throw new ForeignCdpError(
    `browser profile ${profile}: CDP port ${port} belongs to instance ${owner.instance} (${owner.label})`,
    `never attach to another instance's browser; use a port of this instance's CDP band ${formatRange(band.start, band.end)}`,
    port,
    `CDP port (${profile})`,
    owner.instance,
  );
}

/**
 * Before launching on a port: it must be free. A listener that answers CDP is a browser we did not
 * launch (a leftover, or someone else's), and we say so rather than silently driving it.
 */
export async function requireFreeCdpPort(port: number, profile: string): Promise<void> {
  if (await canBind(port)) return;
  const [cdp, who] = await Promise.all([fetchCdpVersion(`http://127.0.0.1:${port}`, 1000), describeListener(port)]);
  const owner = who ?? 'unknown process';
  if (cdp) {
    throw new ForeignCdpError(
      `browser profile ${profile}: port ${port} answers CDP (${cdp.Browser}, ${owner}) but this gateway did not launch it`,
      'stop that browser, or give this profile another port (browser create-profile <name> --cdp-port N)',
      port,
      `CDP port (${profile})`,
      owner,
    );
  }
  throw new PortConflictError(
    `browser profile ${profile}: CDP port ${port} is in use by ${owner}`,
    'stop that process, or give this profile another port',
    port,
    `CDP port (${profile})`,
    owner,
  );
}

/**
 * Refuses a URL a tab would open when it reaches this host on a port of another instance's footprint
 * (its CDP `/json/list`, its canvas, its control service): one instance's browser never reads another's.
 * The host is resolved first, so `[::ffff:127.0.0.1]`, `localhost.` or a name pointing here count too.
 */
export async function refuseOtherInstanceUrl(raw: string, profile: string, others: OtherFootprints): Promise<void> {
  if (raw === 'about:blank') return;
  const url = new URL(raw);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const owner = ownerOfPort(port, others);
  if (!owner || !(await reachesThisHost(url.hostname))) return;
  throw new ForeignCdpError(
    `browser profile ${profile}: ${url.origin} is port ${port} of instance ${owner.instance} (${owner.label})`,
    "a browser profile never opens another instance's ports; open it from that instance's own browser",
    port,
    `URL (${profile})`,
    owner.instance,
  );
}
