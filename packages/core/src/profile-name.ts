import { ProfileError } from './errors.js';

/**
 * Profile names are used in paths and service names, so only a safe ASCII alphabet is allowed.
 * THE profile-name rule: parseProfileName and the config schema (watch.targets) test this pattern.
 */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** What PROFILE_NAME allows, in words. */
export const PROFILE_NAME_RULE = '1–64 characters from A–Z a–z 0–9 _ -, starting with a letter or digit';

/** The profile that has no suffix anywhere (`~/.openclaw`, `clawport-gateway.service`). */
export const DEFAULT_PROFILE = 'default';

/**
 * Validates a profile name and returns it normalised: `default` in any case becomes `default`.
 * Throws ProfileError (exit 2) with one line naming what is wrong.
 */
export function parseProfileName(raw: string, source = '--profile'): string {
  if (raw.toLowerCase() === DEFAULT_PROFILE) return DEFAULT_PROFILE;
  if (raw.length === 0) {
    throw new ProfileError(`${source}: profile name is empty`, 'use 1–64 characters from A–Z a–z 0–9 _ -');
  }
  if (raw.length > 64) {
    throw new ProfileError(
      `${source}: profile name is ${raw.length} characters long (at most 64)`,
      'choose a shorter name',
    );
  }
  if (!PROFILE_NAME.test(raw)) {
    throw new ProfileError(
      `${source}: invalid profile name ${JSON.stringify(raw)}`,
      'use letters, digits, _ and -, starting with a letter or digit',
    );
  }
  return raw;
}

export function isDefaultProfile(profile: string): boolean {
  return profile === DEFAULT_PROFILE;
}

/** `~/.openclaw` for default, `~/.openclaw-P` otherwise: the seed's naming. */
export function profileDirName(profile: string): string {
  return isDefaultProfile(profile) ? '.openclaw' : `.openclaw-${profile}`;
}
