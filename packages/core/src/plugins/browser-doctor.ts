import { chromeEndpoint, type ChromeEndpoint } from '../address/chrome-endpoint.js';
import { formatRange } from '../ports/footprint.js';
import { EPHEMERAL_RANGE, MAX_PORT } from '../ports/port-value.js';
import type { DoctorInstance, Finding } from './contract.js';
import { BROWSER_CONTROL_OFFSET, CDP_BAND_OFFSET, CDP_BAND_SIZE } from './builtin.js';

/**
 * Doctor checks of the browser plugin (the seed's "common pitfalls"), beyond what core's isolation
 * checks already report (exact same `browser.cdpUrl` string, footprint overlaps — which include an
 * explicit cdpPort reused across instances). Pure: endpoints are compared as parsed URLs.
 */

interface Endpoint extends ChromeEndpoint {
  instance: DoctorInstance;
  keyPath: string;
  raw: string;
}

function endpoint(instance: DoctorInstance, keyPath: string, raw: string): Endpoint | undefined {
  const at = chromeEndpoint(raw);
  return at && { instance, keyPath, raw, ...at };
}

function endpointsOf(i: DoctorInstance): Endpoint[] {
  const out: Array<Endpoint | undefined> = [];
  if (i.config.browser?.cdpUrl) out.push(endpoint(i, 'browser.cdpUrl', i.config.browser.cdpUrl));
  for (const [name, p] of Object.entries(i.config.browser?.profiles ?? {})) {
    if (p.cdpUrl) out.push(endpoint(i, `browser.profiles.${name}.cdpUrl`, p.cdpUrl));
  }
  return out.filter((e): e is Endpoint => e !== undefined);
}

/** Two instances reaching the same Chrome through differently written URLs (core compares strings). */
function checkSameEndpoint(all: Endpoint[]): Finding[] {
  const byKey = new Map<string, Endpoint[]>();
  for (const e of all) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const findings: Finding[] = [];
  for (const [key, group] of byKey) {
    if (new Set(group.map((e) => e.instance.name)).size < 2) continue;
    const pinned = group.filter((e) => e.keyPath === 'browser.cdpUrl');
    const profiles = group.filter((e) => e.keyPath !== 'browser.cdpUrl');
    // Already reported by core when all are top-level pins with one spelling, or all profile URLs with one.
    const sameText = (g: Endpoint[]) => new Set(g.map((e) => e.raw)).size === 1;
    if ((profiles.length === 0 && sameText(pinned)) || (pinned.length === 0 && sameText(profiles))) continue;
    findings.push({
      severity: pinned.length > 0 ? 'error' : 'warning',
      check: 'browser.cdpEndpoint.shared',
      instance: group[0].instance.name,
      message: `${group.map((e) => `${e.instance.name} ${e.keyPath} ${e.raw}`).join(', ')} reach the same Chrome ${key}`,
      fix: 'give each instance its own browser (a local profile in its CDP band, or its own remote Chrome)',
      file: group[0].instance.configPath,
      keyPath: group[0].keyPath,
    });
  }
  return findings;
}

/** A cdpUrl on this host that points into some instance's footprint: the plugin refuses to attach. */
function checkEndpointInFootprint(all: Endpoint[], instances: readonly DoctorInstance[]): Finding[] {
  const findings: Finding[] = [];
  for (const e of all.filter((x) => x.loopback)) {
    for (const other of instances) {
      const claim = other.footprint.find((c) => e.port >= c.start && e.port <= c.end);
      if (!claim) continue;
      const own = other.name === e.instance.name;
      findings.push({
        severity: own ? 'warning' : 'error',
        check: own ? 'browser.cdpUrl.ownFootprint' : 'browser.cdpUrl.foreign',
        instance: e.instance.name,
        message: `${e.instance.name} ${e.keyPath} ${e.raw} points into ${other.name} ${claim.role} ${formatRange(claim.start, claim.end)}`,
        fix: own
          ? `use a local browser profile with a cdpPort instead of a cdpUrl into your own ${claim.role}`
          : `the browser plugin never attaches to another instance's ports; point ${e.keyPath} at a Chrome of this instance`,
        file: e.instance.configPath,
        keyPath: e.keyPath,
      });
    }
  }
  return findings;
}

/** Control port and CDP band as the seed lays them out: inside 1024–65535, not ephemeral, cdpPorts in band. */
function checkPortRules(i: DoctorInstance): Finding[] {
  const browser = i.config.browser;
  if (browser?.enabled === false) return [];
  const control = browser?.controlPort ?? i.base + BROWSER_CONTROL_OFFSET;
  const band = { start: control + CDP_BAND_OFFSET, end: control + CDP_BAND_OFFSET + CDP_BAND_SIZE - 1 };
  const at = (keyPath: string) => ({ instance: i.name, file: i.configPath, keyPath });
  const findings: Finding[] = [];
  if (band.end > MAX_PORT) {
    findings.push({
      severity: 'error',
      check: 'browser.band.range',
      ...at(browser?.controlPort !== undefined ? 'browser.controlPort' : 'gateway.port'),
      message: `${i.name} CDP band ${formatRange(band.start, band.end)} (browser control ${control} + ${CDP_BAND_OFFSET}..${CDP_BAND_OFFSET + CDP_BAND_SIZE - 1}) passes ${MAX_PORT}`,
      fix: `move the browser control port to ${MAX_PORT - CDP_BAND_OFFSET - CDP_BAND_SIZE + 1} or below`,
    });
  }
  const inEphemeral = (s: number, e: number) => s <= EPHEMERAL_RANGE.end && e >= EPHEMERAL_RANGE.start;
  if (inEphemeral(control, Math.min(band.end, MAX_PORT))) {
    findings.push({
      severity: 'warning',
      check: 'browser.ports.ephemeral',
      ...at(browser?.controlPort !== undefined ? 'browser.controlPort' : 'gateway.port'),
      message: `${i.name} browser control ${control} / CDP band ${formatRange(band.start, band.end)} reach into the ephemeral range ${formatRange(EPHEMERAL_RANGE.start, EPHEMERAL_RANGE.end)}`,
      fix: 'outgoing connections may grab those ports; choose a base below 32768 (clawport ports suggest)',
    });
  }
  for (const [name, p] of Object.entries(browser?.profiles ?? {})) {
    if (p.cdpPort === undefined) continue;
    if (p.cdpUrl !== undefined) {
      findings.push({
        severity: 'warning',
        check: 'browser.profile.ambiguous',
        ...at(`browser.profiles.${name}`),
        message: `${i.name} browser profile ${name} sets both cdpPort ${p.cdpPort} and cdpUrl ${p.cdpUrl}; cdpUrl wins`,
        fix: `unset one: clawport config unset browser.profiles.${name}.cdpPort`,
      });
    } else if (p.cdpPort < band.start || p.cdpPort > band.end) {
      findings.push({
        severity: 'warning',
        check: 'browser.cdpPort.outsideBand',
        ...at(`browser.profiles.${name}.cdpPort`),
        message: `${i.name} browser profile ${name} cdpPort ${p.cdpPort} is outside its CDP band ${formatRange(band.start, band.end)}`,
        fix: `use a port in ${formatRange(band.start, band.end)}, or drop cdpPort to get the lowest free one`,
      });
    }
  }
  return findings;
}

/** The browser plugin's `doctor` member. */
export function browserDoctor(instances: readonly DoctorInstance[]): Finding[] {
  const all = instances.filter((i) => i.config.browser?.enabled !== false).flatMap(endpointsOf);
  return [...checkSameEndpoint(all), ...checkEndpointInFootprint(all, instances), ...instances.flatMap(checkPortRules)];
}
