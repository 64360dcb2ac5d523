/**
 * A JSON5 tokenizer that keeps positions: the span editor splices text by them, so everything it does
 * not touch (comments, whitespace, quoting) stays byte-for-byte. It only runs on text JSON5.parse has
 * accepted, so it can be lenient about errors.
 */
export type TokenKind = 'punct' | 'string' | 'word' | 'comment';

export interface Token {
  kind: TokenKind;
  start: number;
  /** Exclusive. */
  end: number;
  /** The character for punct tokens ({ } [ ] : ,), the source text otherwise. */
  text: string;
}

const isLineEnd = (c: string) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string) => c === '\uFEFF' || /\s/.test(c);
/** Identifiers, numbers, true/false/null, Infinity/NaN: everything that is not punctuation, space, string or comment. */
const isWordChar = (c: string) => !isSpace(c) && !'{}[]:,"\'/'.includes(c);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      let j = i + 2;
      while (j < text.length && !isLineEnd(text[j])) j++;
      tokens.push({ kind: 'comment', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const j = close < 0 ? text.length : close + 2;
      tokens.push({ kind: 'comment', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      j = Math.min(j + 1, text.length);
      tokens.push({ kind: 'string', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else if ('{}[]:,'.includes(c)) {
      tokens.push({ kind: 'punct', start: i, end: i + 1, text: c });
      i++;
    } else {
      let j = i + 1;
      // A sign before a word is part of it (-1, +Infinity); a backslash starts a \uXXXX escape in a key.
      while (j < text.length && (isWordChar(text[j]) || text[j - 1] === '\\')) j++;
      tokens.push({ kind: 'word', start: i, end: j, text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}
