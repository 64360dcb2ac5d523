import { readConfigFile, updateConfig } from '@clawport/core/node';
import type { BrowserProfileConfig } from '@clawport/core';

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

/** Persists into `browser.profiles.<name>` of a config file (validated, atomic, locked by core). */
export function configFileStore(configPath: string): ProfileStore {
  return {
    async load() {
      return (await readConfigFile(configPath)).config.browser?.profiles ?? {};
    },
    async save(name, profile) {
      await updateConfig(configPath, (raw) => {
        const browser = browserSection(raw);
        browser.profiles = { ...((browser.profiles ?? {}) as Raw), [name]: profile };
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
