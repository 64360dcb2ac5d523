/**
 * systemd's quoting for ExecStart= and Environment= (systemd.syntax(7), systemd.service(5)):
 * whitespace splits words, double quotes group them with C escapes, `%` starts a specifier (so `%%`),
 * and in ExecStart `$` starts a variable (so `$$`). Both directions live here so the audit reads back
 * exactly what the renderer wrote.
 */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

function escapeSpecifiers(value: string, dollar: boolean): string {
  const s = value.replace(/%/g, '%%');
  return dollar ? s.replace(/\$/g, '$$$$') : s;
}

function quote(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** One ExecStart word. */
export function systemdExecWord(value: string): string {
  const s = escapeSpecifiers(value, true);
  return s !== '' && PLAIN.test(s) ? s : quote(s);
}

/** One `Environment=` assignment, always quoted so spaces and `#` survive. */
export function systemdEnvAssignment(key: string, value: string): string {
  return quote(`${key}=${escapeSpecifiers(value, false)}`);
}

/** A path for EnvironmentFile= / WorkingDirectory= (no quoting allowed there; specifiers still apply). */
export function systemdPath(value: string): string {
  return escapeSpecifiers(value, false);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" };

/** Splits a value into words the way systemd does, undoing quotes, escapes, `%%` and (in exec) `$$`. */
export function splitSystemdWords(text: string, exec: boolean): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    let word = '';
    let quoteChar: string | undefined;
    while (i < text.length && (quoteChar !== undefined || !/\s/.test(text[i]))) {
      const c = text[i];
      if (quoteChar === undefined && (c === '"' || c === "'")) quoteChar = c;
      else if (c === quoteChar) quoteChar = undefined;
      else if (c === '\\' && i + 1 < text.length) word += ESCAPES[text[++i]] ?? text[i];
      else word += c;
      i++;
    }
    word = word.replace(/%%/g, '%');
    words.push(exec ? word.replace(/\$\$/g, '$') : word);
  }
  return words;
}

/** `[Section]` → key → every value of that key, in order (Environment= may repeat). */
export type UnitSections = Map<string, Map<string, string[]>>;

export function parseUnitFile(text: string): UnitSections {
  const sections: UnitSections = new Map();
  let current: Map<string, string[]> | undefined;
  // Backslash-newline continues a line (systemd.syntax(7)).
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = sections.get(header[1]) ?? new Map();
      sections.set(header[1], current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || current === undefined) continue;
    const key = line.slice(0, eq).trim();
    const values = current.get(key) ?? [];
    values.push(line.slice(eq + 1).trim());
    current.set(key, values);
  }
  return sections;
}
