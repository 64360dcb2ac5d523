/**
 * Gateway log lines for people: `{"ts":…,"level":"info","msg":"gateway ready","url":…}` becomes
 * `04:12:09.120 INFO  gateway ready  url=ws://127.0.0.1:18789/`, which the editor's Log language
 * colours by level and time. Incidents (lines with an `incident` field, or a message starting with
 * "incident", as the rescue watcher writes them) become ALERT lines marked ‼ so they stand out.
 * Anything that is not a JSON object is shown as it is.
 */
const LEVELS: Record<string, string> = { debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', warning: 'WARN ', error: 'ERROR', fatal: 'ERROR' };

/** Keys every line has or that the channel already says (which instance it is). */
const SHOWN = new Set(['ts', 'time', 'level', 'msg', 'message']);

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return `[${v.join(', ')}]`;
  return JSON.stringify(v);
}

/** `2026-11-29T04:12:09.120Z` → `04:12:09.120` in local time (what the user's clock says). */
function clock(ts: unknown): string {
  const d = typeof ts === 'string' || typeof ts === 'number' ? new Date(ts) : undefined;
  if (!d || Number.isNaN(d.getTime())) return '            ';
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** A field as text: strings as they are, anything else as JSON. */
const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

export function isIncident(record: Record<string, unknown>): boolean {
  const msg = text(record.msg ?? record.message);
  return record.incident !== undefined || /^incident\b/i.test(msg) || record.kind === 'incident';
}

/** One raw line → one readable line. `instance`: the channel's own instance (its name is not repeated). */
export function formatLogLine(raw: string, instance?: string): string {
  const line = raw.trimEnd();
  if (!line.startsWith('{')) return line;
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
    record = parsed as Record<string, unknown>;
  } catch {
    return line;
  }
  const incident = isIncident(record);
  const levelName = text(record.level ?? 'info');
  const level = incident ? 'ALERT' : (LEVELS[levelName.toLowerCase()] ?? levelName.toUpperCase().padEnd(5));
  const msg = text(record.msg ?? record.message);
  const fields = Object.entries(record)
    .filter(([k, v]) => !SHOWN.has(k) && !(k === 'instance' && v === instance) && !(incident && k === 'incident' && v === true))
    .map(([k, v]) => `${k}=${value(v)}`);
  return [`${clock(record.ts ?? record.time)} ${level}`, incident ? `‼ ${msg}` : msg, ...(fields.length ? [fields.join(' ')] : [])].join('  ');
}

/** Formats the complete lines of a chunk; returns them and the unfinished tail to prepend next time. */
export function formatLogChunk(chunk: string, instance?: string): { text: string; rest: string } {
  const cut = chunk.lastIndexOf('\n');
  if (cut < 0) return { text: '', rest: chunk };
  const lines = chunk.slice(0, cut).split('\n');
  return { text: lines.map((l) => formatLogLine(l, instance)).join('\n') + '\n', rest: chunk.slice(cut + 1) };
}
