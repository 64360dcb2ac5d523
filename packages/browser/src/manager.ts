import { UsageError, type OpenClawConfig, type PluginLogger } from '@clawport/core';
import { BrowserError, BrowserNotRunningError } from './errors.js';
import { managedFlagIn, sandboxUnavailable } from './chromium/flags.js';
import { stopLeftover } from './chromium/leftover.js';
import { attachRemote, launchLocal, userDataDirOf, type ConnectEnv, type LiveProfile } from './connect-profile.js';
import type { OtherFootprints } from './net/footprint-owner.js';
import { defaultProfileName, parseBrowserProfileName, profilesFromConfig, type ProfileDef } from './profiles/profiles.js';
import { ProfileRegistry } from './profiles/registry.js';
import type { ProfileStore } from './profiles/store.js';
import { profileStatus } from './profile-status.js';
import { refuseOtherInstanceUrl } from './guard-ports.js';
import { checkUrl } from './session.js';
import type { BrowserProfileInfo, BrowserStatus, ScreenshotResult, TabInfo, TabsResult } from './types.js';

export interface ManagerOptions {
  config: OpenClawConfig;
  stateDir: string;
  controlPort: number;
  band: { start: number; end: number };
  otherFootprints: () => Promise<OtherFootprints>;
  store: ProfileStore;
  log: PluginLogger;
  /** `clawport --profile rescue`: how suggestions name this instance's commands. */
  cli: string;
  launchTimeoutMs?: number;
  attachTimeoutMs?: number;
}

/** The browser profiles of one instance and their live sessions. Lifecycle changes run one at a time. */
export class BrowserManager {
  readonly profiles: ProfileRegistry;
  private readonly live = new Map<string, LiveProfile>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: ManagerOptions) {
    this.profiles = new ProfileRegistry(profilesFromConfig(opts.config), defaultProfileName(opts.config), opts, () =>
      this.claimedPorts(),
    );
  }

  /** Runs lifecycle changes strictly in order, so two starts can't pick the same band port. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private claimedPorts(): Set<number> {
    const ports = new Set<number>();
    for (const l of this.live.values()) if (l.cdpPort !== undefined) ports.add(l.cdpPort);
    return ports;
  }

  private def(name: unknown): ProfileDef {
    return this.profiles.get(name === undefined || name === '' ? undefined : parseBrowserProfileName(name));
  }

  /** The live session of a profile, dropping one whose browser died or disconnected. */
  private liveOf(name: string): LiveProfile | undefined {
    const l = this.live.get(name);
    if (l && !l.session.connected) {
      this.live.delete(name);
      void l.session.disconnect();
      return undefined;
    }
    return l;
  }

  private requireLive(name: unknown): { def: ProfileDef; live: LiveProfile } {
    const def = this.def(name);
    const live = this.liveOf(def.name);
    if (!live) {
      throw new BrowserNotRunningError(
        `browser profile ${def.name} is not running`,
        `start it with: ${this.opts.cli} browser start --browser-profile ${def.name}`,
      );
    }
    return { def, live };
  }

  private sandboxWarned = false;

  /**
   * Chromium's sandbox stays on unless it cannot work here (running as root) or the user turned it
   * off (browser.noSandbox); the first launch without it says why, once.
   */
  private noSandbox(): boolean {
    const why = this.opts.config.browser?.noSandbox === true ? 'browser.noSandbox is true' : sandboxUnavailable();
    if (why && !this.sandboxWarned) {
      this.sandboxWarned = true;
      this.opts.log.warn(`launching Chromium without its sandbox: ${why} (run the gateway as a normal user, and leave browser.noSandbox unset, to keep it)`);
    }
    return why !== undefined;
  }

  private extraArgs(): string[] {
    const extra = this.opts.config.browser?.extraArgs ?? [];
    const managed = managedFlagIn(extra);
    if (managed) {
      throw new BrowserError(`browser.extraArgs may not set ${managed}: Clawport manages it`, `remove it: ${this.opts.cli} config unset browser.extraArgs`);
    }
    return extra;
  }

  private async connectEnv(): Promise<ConnectEnv> {
    return {
      noSandbox: this.noSandbox(),
      extraArgs: this.extraArgs(),
      stateDir: this.opts.stateDir,
      executablePath: this.opts.config.browser?.executablePath,
      band: this.opts.band,
      others: await this.opts.otherFootprints(),
      launchTimeoutMs: this.opts.launchTimeoutMs ?? 20_000,
      attachTimeoutMs: this.opts.attachTimeoutMs ?? 5_000,
    };
  }

  listProfiles(): BrowserProfileInfo[] {
    return this.profiles.list((name) => this.liveOf(name) !== undefined);
  }

  createProfile(body: Record<string, unknown>): Promise<BrowserProfileInfo> {
    return this.exclusive(async () => {
      const def = await this.profiles.create(body, await this.opts.otherFootprints());
      this.opts.log.info('browser profile created', { profile: def.name, cdpPort: def.cdpPort, cdpUrl: def.cdpUrl });
      return this.profiles.info(def, false);
    });
  }

  deleteProfile(name: unknown): Promise<{ deleted: string; userDataDir: string }> {
    return this.exclusive(async () => {
      const def = this.def(name);
      await this.stopLive(def.name);
      await this.profiles.remove(def.name);
      return { deleted: def.name, userDataDir: userDataDirOf(this.opts.stateDir, def.name) };
    });
  }

  start(name?: unknown): Promise<BrowserStatus> {
    return this.exclusive(async () => {
      const def = this.def(name);
      if (!this.liveOf(def.name)) {
        const env = await this.connectEnv();
        if (def.cdpUrl === undefined) await this.stopLeftover(def.name);
        const live =
          def.cdpUrl !== undefined
            ? await attachRemote(def, env)
            : await launchLocal(def, def.cdpPort ?? (await this.profiles.runtimePort(def)), env);
        this.live.set(def.name, live);
        this.watch(def.name, live);
        this.opts.log.info('browser profile started', { profile: def.name, cdpPort: live.cdpPort, pid: live.session.chromium?.pid });
      }
      return this.status(def.name);
    });
  }

  /** Before picking a port: a Chromium an earlier (killed) gateway left on this profile holds its dir and port. */
  private async stopLeftover(name: string): Promise<void> {
    const pid = await stopLeftover(userDataDirOf(this.opts.stateDir, name));
    if (pid !== undefined) this.opts.log.warn('stopped a Chromium left running by an earlier gateway', { profile: name, pid });
  }

  /** A browser that dies under us (killed, crashed, remote went away) leaves no stale session behind. */
  private watch(name: string, live: LiveProfile): void {
    const gone = (how: Record<string, unknown>) => {
      if (this.live.get(name) !== live) return;
      this.live.delete(name);
      this.opts.log.warn('browser profile went away', { profile: name, ...how });
      void live.session.disconnect();
    };
    live.session.browser.once('disconnected', () => gone({ reason: 'CDP connection closed' }));
    void live.session.chromium?.exited.then(({ code, signal }) => gone({ reason: 'Chromium exited', code, signal }));
  }

  private async stopLive(name: string): Promise<void> {
    const live = this.live.get(name);
    if (!live) return;
    this.live.delete(name);
    await live.session.disconnect();
    await live.session.chromium?.stop();
  }

  stop(name?: unknown): Promise<BrowserStatus> {
    return this.exclusive(async () => {
      const def = this.def(name);
      await this.stopLive(def.name);
      return this.status(def.name);
    });
  }

  stopAll(): Promise<void> {
    return this.exclusive(async () => {
      await Promise.all([...this.live.keys()].map((n) => this.stopLive(n)));
    });
  }

  async status(name?: unknown): Promise<BrowserStatus> {
    const def = this.def(name);
    return profileStatus(def, this.liveOf(def.name), {
      controlPort: this.opts.controlPort,
      stateDir: this.opts.stateDir,
      executablePath: this.opts.config.browser?.executablePath,
      runtimePort: this.profiles.knownRuntimePort(def.name),
    });
  }

  async tabs(name?: unknown): Promise<TabsResult> {
    const def = this.def(name);
    const live = this.liveOf(def.name);
    return { profile: def.name, running: live !== undefined, tabs: live ? await live.session.tabs() : [] };
  }

  /** Opening a tab starts the profile first when needed, like clicking a link starts a browser. */
  async openTab(name: unknown, url: unknown): Promise<TabInfo & { profile: string }> {
    const target = checkUrl(url);
    await refuseOtherInstanceUrl(target, this.def(name).name, await this.opts.otherFootprints());
    const status = await this.start(name);
    const { live } = this.requireLive(status.profile);
    return { profile: status.profile, ...(await live.session.open(target)) };
  }

  async closeTab(name: unknown, id: string): Promise<{ profile: string; closed: string }> {
    const { def, live } = this.requireLive(name);
    await live.session.close(id);
    return { profile: def.name, closed: id };
  }

  async navigate(name: unknown, id: unknown, url: unknown): Promise<TabInfo & { profile: string }> {
    const target = checkUrl(url);
    const { def, live } = this.requireLive(name);
    await refuseOtherInstanceUrl(target, def.name, await this.opts.otherFootprints());
    return { profile: def.name, ...(await live.session.navigate(optionalId(id), target)) };
  }

  async screenshot(name: unknown, id: unknown, fullPage: unknown): Promise<ScreenshotResult> {
    const { def, live } = this.requireLive(name);
    return live.session.screenshot(def.name, optionalId(id), fullPage === true);
  }
}

function optionalId(id: unknown): string | undefined {
  if (id === undefined || id === null || id === '') return undefined;
  if (typeof id !== 'string') throw new UsageError('tab id must be a string', 'take it from: browser tabs');
  return id;
}
