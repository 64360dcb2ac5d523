import { UsageError, type BrowserProfileConfig, type OpenClawConfig } from '@clawport/core';

/** The browser profile used when none is named (OpenClaw's managed, isolated browser). */
export const DEFAULT_BROWSER_PROFILE = 'openclaw';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A browser profile as the service knows it: from config, created at runtime, or the implicit default. */
export interface ProfileDef {
  name: string;
  cdpPort?: number;
  cdpUrl?: string;
  headless: boolean;
  color?: string;
  /** Written in the config file (false only for the implicit default profile). */
  persisted: boolean;
}

/** Same alphabet as the config schema's key rule, so a created profile always validates. */
export function parseBrowserProfileName(raw: unknown): string {
  if (typeof raw !== 'string' || !NAME.test(raw)) {
    throw new UsageError(
      `invalid browser profile name ${JSON.stringify(raw)}`,
      'use 1–64 characters from A–Z a–z 0–9 _ -, starting with a letter or digit',
    );
  }
  return raw;
}

export function defaultProfileName(config: OpenClawConfig): string {
  return config.browser?.defaultProfile ?? DEFAULT_BROWSER_PROFILE;
}

export function toDef(name: string, p: BrowserProfileConfig, config: OpenClawConfig, persisted: boolean): ProfileDef {
  return {
    name,
    ...(p.cdpUrl !== undefined ? { cdpUrl: p.cdpUrl } : p.cdpPort !== undefined ? { cdpPort: p.cdpPort } : {}),
    headless: p.headless ?? config.browser?.headless ?? true,
    ...(p.color !== undefined ? { color: p.color } : {}),
    persisted,
  };
}

/**
 * Every profile in `browser.profiles`, plus the default profile even when unconfigured. A pinned
 * top-level `browser.cdpUrl` belongs to the default profile unless that profile sets its own endpoint.
 */
export function profilesFromConfig(config: OpenClawConfig): Map<string, ProfileDef> {
  const defs = new Map<string, ProfileDef>();
  for (const [name, p] of Object.entries(config.browser?.profiles ?? {})) defs.set(name, toDef(name, p, config, true));
  const defName = defaultProfileName(config);
  const pinned = config.browser?.cdpUrl;
  const existing = defs.get(defName);
  if (!existing) defs.set(defName, toDef(defName, pinned ? { cdpUrl: pinned } : {}, config, false));
  else if (pinned && existing.cdpPort === undefined && existing.cdpUrl === undefined) existing.cdpUrl = pinned;
  return defs;
}
