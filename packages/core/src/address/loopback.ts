/**
 * The one loopback rule of the product (gateway Origin/Host guards, canvas host, browser control
 * service, foreign-CDP check). Pure: names and literal addresses only; a name that needs DNS is
 * resolved by core/node's hostAddresses first, and each address is then judged here.
 */

/** IPv4 dotted quad → 4 bytes, or undefined. */
function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : undefined;
}

/** IPv6 literal (with `::`, an embedded IPv4 tail, a zone id) → 16 bytes, or undefined. */
function parseIPv6(s: string): number[] | undefined {
  let text = s.replace(/%.*$/, '');
  if (!text.includes(':')) return undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // `::ffff:127.0.0.1` → `::ffff:7f00:1`
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    text = `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - left.length - right.length : 0;
  if (fill < 0 || (halves.length === 2 && fill === 0) || left.length + fill + right.length !== 8) return undefined;
  const all = [...left, ...new Array<string>(fill).fill('0'), ...right];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
}

/**
 * A literal address in one canonical form: IPv4 dotted, IPv4-mapped/compatible IPv6 as its IPv4
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1` → `127.0.0.1`), other IPv6 lowercased and compressed by
 * nothing but bytes. Undefined for a name.
 */
export function canonicalAddress(host: string): string | undefined {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = parseIPv4(h);
  if (v4) return v4.join('.');
  const v6 = parseIPv6(h);
  if (!v6) return undefined;
  const zeros10 = v6.slice(0, 10).every((b) => b === 0);
  const mapped = zeros10 && v6[10] === 0xff && v6[11] === 0xff;
  const compat = zeros10 && v6[10] === 0 && v6[11] === 0 && v6.slice(12).some((b) => b !== 0) && !(v6.slice(12, 15).every((b) => b === 0) && v6[15] === 1);
  if (mapped || compat) return v6.slice(12).join('.');
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((v6[i] << 8) | v6[i + 1]).toString(16));
  return words.join(':');
}

/** A literal address on the loopback interface: 127.0.0.0/8 in any IPv4 or mapped form, or ::1. */
export function isLoopbackAddress(address: string): boolean {
  const a = canonicalAddress(address);
  if (a === undefined) return false;
  return a.startsWith('127.') || a === '0:0:0:0:0:0:0:1';
}

/** The unspecified address (0.0.0.0, ::): bound, it listens on every interface; dialled, it reaches this host. */
export function isUnspecifiedAddress(address: string): boolean {
  const a = canonicalAddress(address);
  return a === '0.0.0.0' || a === '0:0:0:0:0:0:0:0';
}

/**
 * Where this host reaches a listener bound to `host`: a wildcard bind (0.0.0.0, ::) is reached on
 * 127.0.0.1; any other address as it is. The CLI never probes other addresses for a wildcard bind.
 */
export function connectHost(host: string): string {
  return isUnspecifiedAddress(host) ? '127.0.0.1' : host;
}

/** Loopback by name or literal, without DNS: `localhost`, `*.localhost` (RFC 6761), or a loopback address. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || isLoopbackAddress(h);
}

/** `Host: name:port` / `[v6]:port` → the name part. */
export function hostOfHostHeader(header: string): string {
  const m = /^\[([^\]]*)\](?::\d*)?$/.exec(header);
  if (m) return m[1];
  const colons = header.split(':').length - 1;
  return colons === 1 ? header.slice(0, header.indexOf(':')) : header;
}
