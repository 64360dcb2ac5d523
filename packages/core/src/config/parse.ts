import JSON5 from 'json5';
import type { core } from 'zod/mini';
import { ConfigError } from '../errors.js';
import { configSchema, type ConfigSchema, type OpenClawConfig } from './schema.js';

/** Where a key path is written: 1-based line and column of the (last found) key, and its offset. */
export function locateKeyPosition(text: string, path: ReadonlyArray<PropertyKey>): { line: number; column: number; offset: number } | undefined {
  let from = 0;
  let found: number | undefined;
  for (const segment of path) {
    if (typeof segment !== 'string') continue;
    const escaped = segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // The lookbehind keeps `port` from matching inside `transport:` or `cdpPort:`.
    const re = new RegExp(`(?<![\\w$])(["']?)${escaped}\\1\\s*:`, 'g');
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) break;
    found = m.index;
    from = m.index + m[0].length;
  }
  if (found === undefined) return undefined;
  const before = text.slice(0, found);
  return { line: before.split('\n').length, column: found - before.lastIndexOf('\n'), offset: found };
}

/** Finds the 1-based line where a key path is written, so errors point at the line to edit. */
export function locateKeyPath(text: string, path: ReadonlyArray<PropertyKey>): number | undefined {
  return locateKeyPosition(text, path)?.line;
}

/**
 * The base port a config names, read leniently: from the parsed value when the text is JSON5, else from
 * the text after `gateway … port:` when the syntax is broken, so a broken config still shows the port
 * it asks for rather than the default. undefined when no integer port is written.
 */
export function writtenPort(text: string): number | undefined {
  let port: unknown;
  try {
    port = JSON5.parse<{ gateway?: { port?: unknown } } | null>(text)?.gateway?.port;
  } catch {
    const at = locateKeyPosition(text, ['gateway', 'port']);
    const m = at && /^["']?port["']?\s*:\s*(\d{1,5})(?![\w.])/.exec(text.slice(at.offset));
    port = m ? Number(m[1]) : undefined;
  }
  return Number.isInteger(port) && (port as number) > 0 && (port as number) <= 65535 ? (port as number) : undefined;
}

export function formatKeyPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(root)';
}

/** JSON5 text → plain value, or a ConfigError naming file, line and column. */
export function parseJson5(text: string, file: string): unknown {
  if (text.trim() === '') {
    throw new ConfigError(`${file}: file is empty`, 'write {} or run clawport setup', { file, line: 1 });
  }
  try {
    return JSON5.parse(text);
  } catch (e) {
    const err = e as Error & { lineNumber?: number; columnNumber?: number };
    const line = err.lineNumber;
    const reason = err.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
    throw new ConfigError(
      `${file}:${line ?? '?'}:${err.columnNumber ?? '?'}: not valid JSON5: ${reason}`,
      'fix the syntax, or restore the last good config with: clawport config rollback',
      { file, line, column: err.columnNumber },
    );
  }
}

/** What to do about a bad file: fix it where it is written, then check it. */
export const FIX_THE_FILE = 'fix the value, then run: clawport config validate';

/**
 * What to do about a refused edit (`config set|unset`, config.patch): nothing was written, so the
 * file needs no fixing; the value given does. Worded from the issue (the type it wants, the range).
 */
export function fixTheEdit(issue: core.$ZodIssue): string {
  const give = (what: string) => `nothing was written; give ${what}`;
  switch (issue.code) {
    case 'invalid_type':
      return give(issue.expected === 'array' ? 'a list, e.g. \'["a"]\'' : issue.expected === 'object' ? 'an object, e.g. \'{key: 1}\'' : issue.expected === 'boolean' ? 'true or false' : `a ${issue.expected}`);
    case 'invalid_value':
      return give('one of the values above');
    case 'too_small':
    case 'too_big':
      return give('a value within the range above');
    case 'unrecognized_keys':
      return 'nothing was written; check the key name (docs/reference/config.md lists them)';
    case 'invalid_format':
      return give('a value of the form above');
    case 'invalid_key':
      return give('a key with the characters above');
    default:
      return give('a value as described above');
  }
}

/** Turns the first schema issue into one line: `file:line: key.path: what is wrong`. */
export function issueToConfigError(issue: core.$ZodIssue, text: string | undefined, file: string, fix: (issue: core.$ZodIssue) => string = () => FIX_THE_FILE): ConfigError {
  const keyPath = formatKeyPath(issue.path);
  // An unknown key is reported on its own line, not on the line of the section holding it.
  const linePath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const at = text === undefined ? undefined : locateKeyPosition(text, linePath);
  const line = at?.line;
  const where = line === undefined ? file : `${file}:${line}`;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  // zod says only "Invalid key in record": the key check's own message says which characters a key may use.
  if (issue.code === 'invalid_key' && issue.issues[0]?.message) message = `invalid key: ${issue.issues[0].message}`;
  return new ConfigError(`${where}: ${keyPath}: ${message}`, fix(issue), {
    file,
    line,
    column: at?.column,
    keyPath,
  });
}

/** Validates a value against the config schema (plus plugin sections when given). */
export function validateConfig(
  value: unknown,
  file: string,
  text?: string,
  schema: ConfigSchema = configSchema,
  /** What the line suggests: fixing the file (default), or, for an edit refused before writing, fixTheEdit. */
  fix?: (issue: core.$ZodIssue) => string,
): OpenClawConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${file}: the config must be an object ({ … })`, 'start from {} or run clawport setup', {
      file,
      line: 1,
    });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw issueToConfigError(result.error.issues[0], text, file, fix);
  return result.data;
}

/** JSON5 text → validated config. Keys owned by plugins (unknown top-level sections) are kept. */
export function parseConfig(text: string, file: string, schema?: ConfigSchema): OpenClawConfig {
  return validateConfig(parseJson5(text, file), file, text, schema);
}

/**
 * Every problem of a config text as `config validate` words it: the JSON5 syntax error, or each schema
 * issue (the first is the one parseConfig throws). Each carries file, line and column. [] when valid.
 */
export function configProblems(text: string, file: string, schema: ConfigSchema = configSchema): ConfigError[] {
  let value: unknown;
  try {
    value = parseJson5(text, file);
    validateConfig(value, file, text, schema);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return [e];
  }
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issueToConfigError(issue, text, file));
}
