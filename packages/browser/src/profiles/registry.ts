import { UsageError, formatRange, redactUrlPassword, type BrowserProfileConfig, type OpenClawConfig } from '@clawport/core';
import { canBind } from '@clawport/core/node';
import { ConflictError, NotFoundError } from '../errors.js';
import { refuseOtherInstancePort, requireFreeCdpPort } from '../guard-ports.js';
import { reachesThisHost, type OtherFootprints } from '../net/footprint-owner.js';
import type { BrowserProfileInfo } from '../types.js';
import { lowestFreeCdpPort } from './allocate.js';
import { parseBrowserProfileName, toDef, type ProfileDef } from './profiles.js';
import type { ProfileStore } from './store.js';

interface RegistryOptions {
  config: OpenClawConfig;
  band: { start: number; end: number };
  store: ProfileStore;
  cli: string;
}

/** The profile definitions of one instance: config, created at runtime, and the implicit default. */
export class ProfileRegistry {
  /** Ports given at start time to local profiles without a configured cdpPort (the implicit default). */
  private readonly runtimePorts = new Map<string, number>();

  constructor(
    private readonly defs: Map<string, ProfileDef>,
    readonly defaultName: string,
    private readonly opts: RegistryOptions,
    private readonly livePorts: () => Set<number>,
  ) {}

  get(name: string | undefined): ProfileDef {
    const def = this.defs.get(name ?? this.defaultName);
    if (!def) {
      throw new NotFoundError(
        `no browser profile ${name}`,
        `list them with: ${this.opts.cli} browser profiles, or create it: ${this.opts.cli} browser create-profile ${name}`,
      );
    }
    return def;
  }

  info(def: ProfileDef, running: boolean): BrowserProfileInfo {
    return {
      name: def.name,
      kind: def.cdpUrl !== undefined ? 'remote' : 'local',
      ...(def.cdpUrl !== undefined ? { cdpUrl: redactUrlPassword(def.cdpUrl) } : {}),
      ...(def.cdpUrl === undefined && (def.cdpPort ?? this.runtimePorts.get(def.name)) !== undefined
        ? { cdpPort: def.cdpPort ?? this.runtimePorts.get(def.name) }
        : {}),
      headless: def.headless,
      ...(def.color !== undefined ? { color: def.color } : {}),
      isDefault: def.name === this.defaultName,
      running,
      persisted: def.persisted,
    };
  }

  list(isRunning: (name: string) => boolean): BrowserProfileInfo[] {
    return [...this.defs.values()].sort((a, b) => a.name.localeCompare(b.name)).map((d) => this.info(d, isRunning(d.name)));
  }

  /** Every band port spoken for: configured, handed out at runtime, or held by a live browser. */
  private claimed(except?: string): Set<number> {
    const ports = this.livePorts();
    for (const d of this.defs.values()) if (d.cdpPort !== undefined && d.name !== except) ports.add(d.cdpPort);
    for (const [name, p] of this.runtimePorts) if (name !== except) ports.add(p);
    return ports;
  }

  knownRuntimePort(name: string): number | undefined {
    return this.runtimePorts.get(name);
  }

  /** The port a local profile without cdpPort runs on: kept for the gateway's life once handed out. */
  async runtimePort(def: ProfileDef): Promise<number> {
    const known = this.runtimePorts.get(def.name);
    if (known !== undefined) return known;
    const port = await lowestFreeCdpPort(this.opts.band, this.claimed(def.name), canBind);
    this.runtimePorts.set(def.name, port);
    return port;
  }

  /** Validates, allocates (lowest free band port) and persists a new profile. */
  async create(body: Record<string, unknown>, others: OtherFootprints): Promise<ProfileDef> {
    const name = parseBrowserProfileName(body.name);
    const onDisk = await this.opts.store.load();
    if (this.defs.get(name)?.persisted || onDisk[name] !== undefined) {
      throw new ConflictError(`browser profile ${name} already exists`, 'choose another name, or delete it first');
    }
    const { cdpPort, cdpUrl, headless, color } = body;
    if (cdpPort !== undefined && cdpUrl !== undefined) {
      throw new UsageError('give either a CDP port or a CDP URL, not both', 'a cdpUrl profile attaches to a remote Chrome');
    }
    if (headless !== undefined && typeof headless !== 'boolean') throw new UsageError('headless must be true or false');
    if (color !== undefined && typeof color !== 'string') throw new UsageError('color must be a string like #FF4500');
    const profile: BrowserProfileConfig = {};
    if (cdpUrl !== undefined) profile.cdpUrl = await this.checkCdpUrl(name, cdpUrl, others);
    else {
      const inFile = Object.values(onDisk).flatMap((p) => (p.cdpPort !== undefined && p.cdpUrl === undefined ? [p.cdpPort] : []));
      profile.cdpPort = cdpPort === undefined ? await this.allocate(name, inFile) : await this.checkCdpPort(name, cdpPort, others, inFile);
    }
    if (headless !== undefined) profile.headless = headless;
    if (color !== undefined) profile.color = color;
    await this.opts.store.save(name, profile);
    const def = toDef(name, profile, this.opts.config, true);
    this.defs.set(name, def);
    this.runtimePorts.delete(name);
    return def;
  }

  private allocate(name: string, inFile: number[]): Promise<number> {
    return lowestFreeCdpPort(this.opts.band, new Set([...this.claimed(name), ...inFile]), canBind);
  }

  private async checkCdpUrl(name: string, raw: unknown, others: OtherFootprints): Promise<string> {
    let url: URL | undefined;
    try {
      url = typeof raw === 'string' ? new URL(raw) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
      throw new UsageError(`CDP URL ${redactUrlPassword(JSON.stringify(raw) ?? String(raw))} is not an http(s) or ws(s) URL`, 'e.g. http://10.0.0.5:9222');
    }
    if (url.port && (await reachesThisHost(url.hostname))) refuseOtherInstancePort(Number(url.port), name, others, this.opts.band);
    return String(raw);
  }

  private async checkCdpPort(name: string, raw: unknown, others: OtherFootprints, inFile: number[]): Promise<number> {
    const { start, end } = this.opts.band;
    if (typeof raw !== 'number' || !Number.isInteger(raw)) throw new UsageError(`CDP port ${JSON.stringify(raw)} is not a port number`);
    refuseOtherInstancePort(raw, name, others, this.opts.band);
    if (raw < start || raw > end) {
      throw new UsageError(
        `CDP port ${raw} is outside this instance's CDP band ${formatRange(start, end)}`,
        `choose a port in ${formatRange(start, end)}, or omit it to get the lowest free one`,
      );
    }
    const holder = [...this.defs.values()].find((d) => d.cdpPort === raw && d.name !== name);
    if (holder || this.claimed(name).has(raw) || inFile.includes(raw)) {
      const who = holder ? `browser profile ${holder.name}` : 'a running browser profile';
      throw new ConflictError(`CDP port ${raw} is already used by ${who}`, 'choose another port, or omit it');
    }
    await requireFreeCdpPort(raw, name);
    return raw;
  }

  async remove(name: string): Promise<void> {
    const def = this.get(name);
    if (!def.persisted) throw new NotFoundError(`browser profile ${name} is not in the config`, 'nothing to delete');
    await this.opts.store.remove(name);
    this.defs.delete(name);
    if (name === this.defaultName) {
      const pinned = this.opts.config.browser?.cdpUrl;
      this.defs.set(name, toDef(name, pinned ? { cdpUrl: pinned } : {}, this.opts.config, false));
    }
  }
}
