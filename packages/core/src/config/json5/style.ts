import type { Json5Doc, Member, ObjectNode } from './tree.js';

/** How a file writes things, so inserted text looks like the text around it. */
export interface Json5Style {
  /** Quote for string values: the file's own (JSON files get '"'). */
  quote: '"' | "'";
  /** Whether keys are written in quotes ("port") or bare (port). */
  quoteKeys: boolean;
  /** One level of indentation. */
  unit: string;
  /** Whether multi-line objects end their last member with a comma. */
  trailingCommas: boolean;
  /** The file's line ending. */
  eol: '\n' | '\r\n';
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function allMembers(node: Json5Doc['root'], out: Member[] = []): Member[] {
  if (node.kind === 'object') {
    for (const m of node.members) {
      out.push(m);
      allMembers(m.value, out);
    }
  }
  if (node.kind === 'array') for (const item of node.items) allMembers(item, out);
  return out;
}

/** The whitespace before the first non-space character of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Reads the file's style; `near` (the object being edited) decides key quoting when it has members. */
export function detectStyle(doc: Json5Doc, near?: ObjectNode): Json5Style {
  const members = allMembers(doc.root);
  const valueStrings = doc.tokens.filter((t) => t.kind === 'string' && !members.some((m) => m.keyStart === t.start));
  const single = valueStrings.filter((t) => t.text.startsWith("'")).length;
  const quote = single > valueStrings.length - single ? "'" : '"';
  // A key that needs quotes says nothing about style; a bare one (or a quoted identifier) does.
  const telling = (near !== undefined && near.members.length > 0 ? near.members : members).filter((m) => !m.quoted || IDENTIFIER.test(m.key));
  const quoteKeys = telling.length === 0 ? quote === '"' : telling.filter((m) => m.quoted).length * 2 >= telling.length;
  // One level = the indentation of the first top-level key that starts its own line.
  let unit = '  ';
  const top = doc.root.kind === 'object' ? doc.root.members : [];
  for (const m of top) {
    const before = doc.text.slice(doc.text.lastIndexOf('\n', m.keyStart - 1) + 1, m.keyStart);
    if (/^[ \t]+$/.test(before)) {
      unit = before;
      break;
    }
  }
  const trailingCommas = /,\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*[}\]]/.test(stripStrings(doc));
  return { quote, quoteKeys, unit, trailingCommas, eol: doc.text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The text with string contents blanked, so a ",}" inside a string is not taken for style. */
function stripStrings(doc: Json5Doc): string {
  let out = '';
  let last = 0;
  for (const t of doc.tokens) {
    if (t.kind !== 'string') continue;
    out += doc.text.slice(last, t.start) + t.text[0].repeat(2);
    last = t.end;
  }
  return out + doc.text.slice(last);
}

export function renderKey(key: string, style: Json5Style): string {
  return !style.quoteKeys && IDENTIFIER.test(key) ? key : renderString(key, style.quoteKeys ? '"' : style.quote);
}

function renderString(s: string, quote: '"' | "'"): string {
  const json = JSON.stringify(s);
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A value as the file would write it, its nested lines indented one unit below `indent`. */
export function renderValue(value: unknown, style: Json5Style, indent: string): string {
  if (typeof value === 'string') return renderString(value, style.quote);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = indent + style.unit;
  const close = style.trailingCommas ? ',' : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // A short list of scalars stays on one line, as people write them (targets: ['main']).
    const flat = value.every((v) => v === null || typeof v !== 'object') ? `[${value.map((v) => renderValue(v, style, inner)).join(', ')}]` : undefined;
    if (flat !== undefined && flat.length <= 60) return flat;
    return `[${style.eol}${value.map((v) => inner + renderValue(v, style, inner)).join(`,${style.eol}`)}${close}${style.eol}${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${renderKey(k, style)}: ${renderValue(v, style, inner)}`);
  return `{${style.eol}${lines.join(`,${style.eol}`)}${close}${style.eol}${indent}}`;
}
