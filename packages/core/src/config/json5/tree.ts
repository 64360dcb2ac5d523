import JSON5 from 'json5';
import { tokenize, type Token } from './tokens.js';

/** Where each value sits in the text. start/end are offsets (end exclusive). */
export type Node = ObjectNode | ArrayNode | ScalarNode;

export interface ObjectNode {
  kind: 'object';
  start: number;
  end: number;
  members: Member[];
}
export interface ArrayNode {
  kind: 'array';
  start: number;
  end: number;
  items: Node[];
}
export interface ScalarNode {
  kind: 'scalar';
  start: number;
  end: number;
}

export interface Member {
  key: string;
  keyStart: number;
  /** True when the key is written in quotes. */
  quoted: boolean;
  value: Node;
  /** Offset just after the comma that follows the value, when there is one. */
  commaEnd?: number;
}

export interface Json5Doc {
  text: string;
  root: Node;
  /** Every token, comments included (style detection reads them). */
  tokens: Token[];
}

/** Reads a key token: quoted strings and identifiers with \u escapes go through JSON5 itself. */
function keyOf(token: Token): string {
  if (token.kind === 'string' || token.text.includes('\\')) {
    const parsed = JSON5.parse<Record<string, unknown>>(`{${token.text}:0}`);
    return Object.keys(parsed)[0];
  }
  return token.text;
}

/** Builds the span tree of a JSON5 text that JSON5.parse accepts. */
export function parseDoc(text: string): Json5Doc {
  const tokens = tokenize(text);
  const code = tokens.filter((t) => t.kind !== 'comment');
  let at = 0;
  const next = (): Token => {
    const t = code[at++];
    if (t === undefined) throw new Error('unexpected end of JSON5 text');
    return t;
  };
  const peek = (): Token | undefined => code[at];

  function value(): Node {
    const t = next();
    if (t.kind === 'punct' && t.text === '{') {
      const members: Member[] = [];
      while (peek()?.text !== '}') {
        const k = next();
        next(); // ':'
        const v = value();
        const member: Member = { key: keyOf(k), keyStart: k.start, quoted: k.kind === 'string', value: v };
        const sep = peek();
        if (sep?.kind === 'punct' && sep.text === ',') member.commaEnd = next().end;
        members.push(member);
      }
      return { kind: 'object', start: t.start, end: next().end, members };
    }
    if (t.kind === 'punct' && t.text === '[') {
      const items: Node[] = [];
      while (peek()?.text !== ']') {
        items.push(value());
        const sep = peek();
        if (sep?.kind === 'punct' && sep.text === ',') next();
      }
      return { kind: 'array', start: t.start, end: next().end, items };
    }
    return { kind: 'scalar', start: t.start, end: t.end };
  }

  return { text, root: value(), tokens };
}

/** The member for a key; JSON5.parse keeps the last of duplicate keys, so this does too. */
export function findMember(node: ObjectNode, key: string): Member | undefined {
  for (let i = node.members.length - 1; i >= 0; i--) if (node.members[i].key === key) return node.members[i];
  return undefined;
}
