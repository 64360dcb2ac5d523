import { UsageError } from '../../errors.js';
import { detectStyle, lineIndent, renderKey, renderValue } from './style.js';
import { findMember, parseDoc, type Json5Doc, type Member, type ObjectNode } from './tree.js';

/** Replace text[start, end) with insert. */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/** Applies non-overlapping edits; two insertions at one offset land in the order given. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  for (const { e } of order) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return out;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** Offset after spaces/tabs and one same-line comment from `at`: a trailing comment stays with its member. */
function endOfSameLine(text: string, at: number): number {
  let p = at;
  while (text[p] === ' ' || text[p] === '\t') p++;
  if (text.startsWith('//', p)) {
    while (p < text.length && text[p] !== '\n' && text[p] !== '\r') p++;
  } else if (text.startsWith('/*', p)) {
    const close = text.indexOf('*/', p + 2);
    if (close >= 0 && !/[\r\n]/.test(text.slice(p, close))) p = close + 2;
  }
  return p;
}

function atLineEnd(text: string, p: number): boolean {
  return p >= text.length || text[p] === '\n' || text[p] === '\r';
}

/** The edits that add `key: value` as the last member of `obj`, written like its siblings. */
function insertMember(doc: Json5Doc, obj: ObjectNode, key: string, value: unknown): TextEdit[] {
  const { text } = doc;
  const style = detectStyle(doc, obj);
  const last = obj.members.at(-1);
  if (last === undefined) {
    const outer = lineIndent(text, obj.start);
    const inner = outer + style.unit;
    const member = `${renderKey(key, style)}: ${renderValue(value, style, inner)}`;
    const multiline = /[\r\n]/.test(text.slice(obj.start, obj.end));
    const tail = multiline ? (style.trailingCommas ? ',' : '') : `${style.trailingCommas ? ',' : ''}${style.eol}${outer}`;
    return [{ start: obj.start + 1, end: obj.start + 1, insert: `${style.eol}${inner}${member}${tail}` }];
  }
  const indent = lineIndent(text, last.keyStart);
  const member = `${renderKey(key, style)}: ${renderValue(value, style, indent)}`;
  const afterLast = last.commaEnd ?? last.value.end;
  const multiline = /[\r\n]/.test(text.slice(obj.start, obj.end));
  const edits: TextEdit[] = [];
  if (last.commaEnd === undefined) edits.push({ start: last.value.end, end: last.value.end, insert: ',' });
  if (!multiline) {
    edits.push({ start: afterLast, end: afterLast, insert: ` ${member}${last.commaEnd === undefined ? '' : ','}` });
    return edits;
  }
  const lineEnd = endOfSameLine(text, afterLast);
  const at = atLineEnd(text, lineEnd) ? lineEnd : afterLast;
  edits.push({ start: at, end: at, insert: `${style.eol}${indent}${member}${last.commaEnd === undefined ? '' : ','}` });
  return edits;
}

/** The edits that delete one member with its separator (and its own line, when it has one). */
function removeMember(text: string, obj: ObjectNode, m: Member): TextEdit[] {
  const i = obj.members.indexOf(m);
  const prev = i > 0 ? obj.members[i - 1] : undefined;
  const isLast = i === obj.members.length - 1;
  const edits: TextEdit[] = [];
  // The last member written without a comma: drop the one before it too, so no trailing comma appears.
  if (isLast && m.commaEnd === undefined && prev?.commaEnd !== undefined) edits.push({ start: prev.commaEnd - 1, end: prev.commaEnd, insert: '' });
  const end = m.commaEnd ?? m.value.end;
  const from = lineStart(text, m.keyStart);
  const lineEnd = endOfSameLine(text, end);
  const ownsLine = /^[ \t]*$/.test(text.slice(from, m.keyStart)) && atLineEnd(text, lineEnd) && (prev === undefined ? from > obj.start : from > (prev.commaEnd ?? prev.value.end));
  if (ownsLine) {
    const eolEnd = text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : Math.min(lineEnd + 1, text.length);
    edits.push({ start: from, end: eolEnd, insert: '' });
    return edits;
  }
  if (m.commaEnd !== undefined) {
    let p = m.commaEnd;
    while (text[p] === ' ' || text[p] === '\t') p++;
    edits.push({ start: m.keyStart, end: p, insert: '' });
  } else if (prev?.commaEnd !== undefined) {
    edits[0] = { start: prev.commaEnd - 1, end: m.value.end, insert: '' };
  } else {
    edits.push({ start: m.keyStart, end: m.value.end, insert: '' });
  }
  return edits;
}

function rootObject(doc: Json5Doc): ObjectNode {
  if (doc.root.kind !== 'object') throw new UsageError('the config is not an object', 'start from {} or run clawport setup');
  return doc.root;
}

/** Nests a value under the remaining key segments: ['a','b'], 1 → { a: { b: 1 } }. */
const nest = (path: readonly string[], value: unknown): unknown => path.reduceRight<unknown>((v, k) => ({ [k]: v }), value);

/** The text with `path` set to `value`; every byte outside the edited value (or inserted member) is kept. */
export function setJson5(text: string, path: readonly string[], value: unknown): string {
  const doc = parseDoc(text);
  let obj = rootObject(doc);
  for (let i = 0; i < path.length; i++) {
    const m = findMember(obj, path[i]);
    if (m === undefined) return applyEdits(text, insertMember(doc, obj, path[i], nest(path.slice(i + 1), value)));
    if (i === path.length - 1) {
      const style = detectStyle(doc, obj);
      const rendered = renderValue(value, style, lineIndent(text, m.keyStart));
      return applyEdits(text, [{ start: m.value.start, end: m.value.end, insert: rendered }]);
    }
    if (m.value.kind !== 'object') throw new UsageError(`cannot set ${path.join('.')}: ${path[i]} is not an object`, `unset ${path[i]} first`);
    obj = m.value;
  }
  return text;
}

/** The text without `path` (every duplicate of it); unchanged when it is not there. */
export function unsetJson5(text: string, path: readonly string[]): string {
  let out = text;
  for (;;) {
    const doc = parseDoc(out);
    let obj = rootObject(doc);
    for (const key of path.slice(0, -1)) {
      const m = findMember(obj, key);
      if (m === undefined || m.value.kind !== 'object') return out;
      obj = m.value;
    }
    const m = findMember(obj, path[path.length - 1]);
    if (m === undefined) return out;
    out = applyEdits(out, removeMember(out, obj, m));
  }
}
