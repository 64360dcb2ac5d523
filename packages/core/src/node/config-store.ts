import { readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, StateSymlinkError } from '../errors.js';
import { fixTheEdit, parseJson5, validateConfig } from '../config/parse.js';
import { configSchema, type ConfigSchema, type OpenClawConfig } from '../config/schema.js';
import { rewriteJson5 } from '../config/json5/rewrite.js';
import { ensurePrivateDir, readSmallFile, refuseConfigLink, writeFileAtomic } from './fs-safe.js';
import { withFileLock } from './file-lock.js';

/** The previous good config, kept for `config rollback` and the rescue bot's `instances.config.rollback`. */
export const lastGoodPath = (configPath: string) => `${configPath}.last-good`;
const lockPath = (configPath: string) => `${configPath}.lock`;

export interface LoadedConfig {
  config: OpenClawConfig;
  /** Raw parsed value (plugin sections included) as written. */
  raw: Record<string, unknown>;
  /** undefined when the file does not exist. */
  text?: string;
  exists: boolean;
}

/** Reads and validates a config; a missing file is an empty config, a broken one a ConfigError. */
// eslint-disable-next-line @typescript-eslint/require-await -- reads with readSmallFile (sync, see there); async so a failure stays a rejection
export async function readConfigFile(path: string, schema: ConfigSchema = configSchema): Promise<LoadedConfig> {
  let text: string | undefined;
  try {
    text = readSmallFile(path, { config: true });
  } catch (e) {
    if (e instanceof StateSymlinkError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const fix = code === 'EFTYPE' || code === 'EFBIG' || code === 'EISDIR' ? 'make it a regular JSON5 file, or remove it' : 'check its permissions';
    throw new ConfigError(`${path}: cannot read config: ${(e as Error).message}`, fix, { file: path });
  }
  if (text === undefined) return { config: {}, raw: {}, exists: false };
  const raw = parseJson5(text, path);
  const config = validateConfig(raw, path, text, schema);
  return { config, raw: raw as Record<string, unknown>, text, exists: true };
}

function render(value: Record<string, unknown>): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The new text of a config: only the keys that changed are rewritten (core's JSON5 span editor), so
 * upstream OpenClaw's keys, comments and formatting stay byte-for-byte. A new file is plain JSON.
 */
function nextText(current: LoadedConfig, next: Record<string, unknown>): string {
  if (current.text === undefined || current.text.trim() === '') return render(next);
  return rewriteJson5(current.text, current.raw, next) ?? render(next);
}

/**
 * Changes a config under an inter-process lock: read, mutate a copy, validate, keep the previous good
 * version as last-good, write atomically (0600, dir 0700). Concurrent writers queue on the lock, so no
 * update is lost. Nothing is written when the result does not validate. Only the changed keys are
 * rewritten: every other byte (comments, JSON5 style, keys Clawport does not know) is kept.
 */
export async function updateConfig(
  path: string,
  /** May be async (a guard that reads the host); a throw refuses the edit with nothing written. */
  mutate: (raw: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>,
  schema: ConfigSchema = configSchema,
): Promise<OpenClawConfig> {
  await ensurePrivateDir(dirname(path));
  return withFileLock(lockPath(path), async () => {
    const current = await readConfigFile(path, schema);
    const next = await mutate(structuredClone(current.raw));
    const text = nextText(current, next);
    const config = validateConfig(next, path, text, schema, fixTheEdit);
    // Not copyFile: that carries over a loosened mode (0644) to a file that may hold the token.
    if (current.exists) await writeFileAtomic(lastGoodPath(path), current.text ?? '');
    await writeFileAtomic(path, text);
    return config;
  });
}

/** Writes a whole config (setup). Same guarantees as updateConfig. */
export async function writeConfig(path: string, value: Record<string, unknown>, schema?: ConfigSchema) {
  return updateConfig(path, () => value, schema);
}

/** How many replaced configs `config rollback` keeps: `.rolled-back` (newest) and `.rolled-back.1…4`. */
export const ROLLBACK_HISTORY = 5;
/** `<path>.rolled-back` for n = 0 (the newest), `<path>.rolled-back.n` for older ones. */
export const rolledBackPath = (configPath: string, n = 0) => `${configPath}.rolled-back${n === 0 ? '' : `.${n}`}`;

/** Moves each kept replaced config one place older; the oldest beyond ROLLBACK_HISTORY is dropped. */
async function shiftRolledBack(path: string): Promise<void> {
  for (let n = ROLLBACK_HISTORY - 2; n >= 0; n--) {
    await rename(rolledBackPath(path, n), rolledBackPath(path, n + 1)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}

/**
 * Restores the last good config. The config being replaced is kept as `<path>.rolled-back` so a
 * rollback never loses anything either; older replaced configs move down to `.rolled-back.1` …
 * `.rolled-back.N` (ROLLBACK_HISTORY in all), so a second rollback does not overwrite the first one's.
 * A config that already is the last good one is left alone (`changed: false`): rolling back again
 * would only push copies of it through the history until the config the first rollback replaced fell
 * out of it (found by a docs-only trial).
 */
export async function rollbackConfig(
  path: string,
  schema: ConfigSchema = configSchema,
  /** Sees the current config (undefined when it does not parse) and the one restored; a throw (or rejection) refuses, inside the lock. */
  guard?: (current: unknown, restored: unknown) => void | Promise<void>,
): Promise<{ config: OpenClawConfig; changed: boolean }> {
  return withFileLock(lockPath(path), async () => {
    await refuseConfigLink(path);
    let text: string;
    try {
      text = await readFile(lastGoodPath(path), 'utf8');
    } catch {
      throw new ConfigError(`${path}: no previous good config to roll back to`, 'nothing was changed', { file: path });
    }
    const restored = parseJson5(text, lastGoodPath(path));
    const config = validateConfig(restored, lastGoodPath(path), text, schema);
    if (guard) {
      const current = await readFile(path, 'utf8').then((t) => parseJson5(t, path), () => undefined).catch(() => undefined);
      await guard(current, restored);
    }
    const replaced = await readFile(path).catch(() => undefined);
    if (replaced !== undefined && replaced.equals(Buffer.from(text, 'utf8'))) return { config, changed: false };
    if (replaced !== undefined) {
      await shiftRolledBack(path);
      await writeFileAtomic(rolledBackPath(path), replaced);
    }
    await writeFileAtomic(path, text);
    return { config, changed: true };
  });
}

/**
 * Puts back a config text kept elsewhere (the watcher's copy of the config a gateway last started
 * well with). Validated first; the replaced config is kept as `<path>.rolled-back`, as by rollbackConfig.
 */
export async function restoreConfigText(
  path: string,
  text: string,
  schema: ConfigSchema = configSchema,
  guard?: (current: unknown, restored: unknown) => void | Promise<void>,
): Promise<OpenClawConfig> {
  return withFileLock(lockPath(path), async () => {
    await refuseConfigLink(path);
    const restored = parseJson5(text, path);
    const config = validateConfig(restored, path, text, schema);
    if (guard) {
      const current = await readFile(path, 'utf8').then((t) => parseJson5(t, path), () => undefined).catch(() => undefined);
      await guard(current, restored);
    }
    await readFile(path).then((b) => writeFileAtomic(`${path}.rolled-back`, b), () => undefined);
    await writeFileAtomic(path, text);
    return config;
  });
}
