import { ServiceError } from '../errors.js';

/** The subset of property-list values launchd agents use. */
export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

const HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function renderValue(value: PlistValue, indent: string): string[] {
  if (typeof value === 'string') return [`${indent}<string>${escapeXml(value)}</string>`];
  if (typeof value === 'boolean') return [`${indent}<${value}/>`];
  if (typeof value === 'number') return [`${indent}<integer>${Math.trunc(value)}</integer>`];
  if (Array.isArray(value)) {
    return [`${indent}<array>`, ...value.flatMap((v) => renderValue(v, `${indent}  `)), `${indent}</array>`];
  }
  const body = Object.entries(value).flatMap(([k, v]) => [`${indent}  <key>${escapeXml(k)}</key>`, ...renderValue(v, `${indent}  `)]);
  return [`${indent}<dict>`, ...body, `${indent}</dict>`];
}

export function renderPlist(root: { [key: string]: PlistValue }): string {
  return `${HEADER}<plist version="1.0">\n${renderValue(root, '').join('\n')}\n</plist>\n`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict reader for XML property lists: the header, well-formed nesting, only plist elements, keys
 * and values alternating in dicts, no text outside leaves. Anything else throws with the offset, so a
 * hand-edited agent that launchd would reject is reported, not half-read.
 */
export function parsePlist(text: string): PlistValue {
  let pos = 0;
  const fail = (what: string): never => {
    throw new ServiceError(`not a valid XML plist at offset ${pos}: ${what}`, 'reinstall the service: clawport gateway install');
  };
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const expect = (literal: string) => {
    if (!text.startsWith(literal, pos)) fail(`expected ${JSON.stringify(literal)}`);
    pos += literal.length;
  };
  const decode = (raw: string) => {
    if (raw.includes('<')) fail('markup inside a value');
    return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);|&/g, (m, e: string | undefined) => {
      if (e === undefined) return fail('bare & in text');
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return ENTITIES[e] ?? fail(`unknown entity &${e};`);
    });
  };
  const leaf = (tag: string) => {
    const end = text.indexOf(`</${tag}>`, pos);
    if (end < 0) fail(`unclosed <${tag}>`);
    const raw = text.slice(pos, end);
    pos = end + tag.length + 3;
    return decode(raw);
  };
  const value = (): PlistValue => {
    skipSpace();
    const m = /^<([a-z]+)(\/?)>/.exec(text.slice(pos, pos + 16));
    if (!m) return fail('expected an element');
    pos += m[0].length;
    const [, tag, selfClosing] = m;
    if (selfClosing) {
      if (tag === 'true' || tag === 'false') return tag === 'true';
      if (tag === 'array') return [];
      if (tag === 'dict') return {};
      return fail(`unexpected <${tag}/>`);
    }
    if (tag === 'string') return leaf('string');
    if (tag === 'integer') {
      const t = leaf('integer').trim();
      return /^[+-]?\d+$/.test(t) ? Number(t) : fail(`bad integer ${JSON.stringify(t)}`);
    }
    if (tag === 'array') {
      const items: PlistValue[] = [];
      for (skipSpace(); !text.startsWith('</array>', pos); skipSpace()) items.push(value());
      pos += '</array>'.length;
      return items;
    }
    if (tag === 'dict') {
      const dict: { [key: string]: PlistValue } = {};
      for (skipSpace(); !text.startsWith('</dict>', pos); skipSpace()) {
        expect('<key>');
        const key = leaf('key');
        if (key in dict) fail(`duplicate key ${JSON.stringify(key)}`);
        dict[key] = value();
      }
      pos += '</dict>'.length;
      return dict;
    }
    return fail(`unsupported element <${tag}>`);
  };
  skipSpace();
  expect('<?xml version="1.0" encoding="UTF-8"?>');
  skipSpace();
  expect('<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">');
  skipSpace();
  expect('<plist version="1.0">');
  const root = value();
  skipSpace();
  expect('</plist>');
  skipSpace();
  if (pos !== text.length) fail('text after </plist>');
  return root;
}
