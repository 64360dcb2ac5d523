import { checkConfigEdit, readConfigFile, updateConfig } from '@clawport/core/node';
import type { BrowserProfileConfig, ResolvedInstance } from '@clawport/core';

/** Where created/deleted browser profiles are persisted. The gateway's is the instance's config file. */
export interface ProfileStore {
  /** The profiles as persisted now: someone may have edited the config since the gateway started. */
  load(): Promise<Record<string, BrowserProfileConfig>>;
  save(name: string, profile: BrowserProfileConfig): Promise<void>;
  remove(name: string): Promise<void>;
}

type Raw = Record<string, unknown>;

function browserSection(raw: Raw): Raw {
  const browser = (raw.browser ?? {}) as Raw;
  raw.browser = browser;
  return browser;
}

/**
 * Persists into `browser.profiles.<name>` of the instance's config file (validated, atomic, locked by
 * core). A new profile passes the same check as `config set` (core checkConfigEdit): its cdpPort never
 * lands in another instance's footprint, its cdpUrl never reaches the Chrome another instance pins.
 */
export function configFileStore(instance: Pick<ResolvedInstance, 'name' | 'profile' | 'stateDir' | 'configPath' | 'home'>): ProfileStore {
  const configPath = instance.configPath;
  return {
    async load() {
      return (await readConfigFile(configPath)).config.browser?.profiles ?? {};
    },
    async save(name, profile) {
      await updateConfig(configPath, async (raw) => {
        const current = structuredClone(raw);
        const browser = browserSection(raw);
        browser.profiles = { ...((browser.profiles ?? {}) as Raw), [name]: profile };
        await checkConfigEdit({ paths: instance, next: raw, current, where: `browser.profiles.${name}`, env: { OPENCLAW_HOME: instance.home }, osHome: instance.home });
        return raw;
      });
    },
    async remove(name) {
      await updateConfig(configPath, (raw) => {
        const profiles = { ...((browserSection(raw).profiles ?? {}) as Raw) };
        delete profiles[name];
        browserSection(raw).profiles = profiles;
        return raw;
      });
    },
  };
}
