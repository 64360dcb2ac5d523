import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../../tools/fixtures/upstream/${name}`, import.meta.url)), 'utf8');

/** Config texts in every style the editor must keep: upstream's real setup output first. */
export const SAMPLES: Record<string, string> = {
  'upstream setup (JSON)': fixture('setup-2026.9.6.json'),
  'upstream hand-edited (JSON5)': fixture('hand-edited.json5'),
  'CRLF, tabs, quoted keys': '{\r\n\t"gateway": {\r\n\t\t"port": 18789,\r\n\t\t"bind": "loopback"\r\n\t},\r\n\t"logging": { "level": "info" }\r\n}\r\n',
  'comments everywhere, trailing commas': `/* head */ {
  // gateway first
  gateway: { /* inline */ port: 18789, }, // after
  'browser': {
    enabled: true, /* same line */
    profiles: {
      work: { cdpPort: 18805, color: '#FF4500', },
    },
  },
  empty: {},
  emptyLines: {
  },
  list: [1, 2, /* x */ 3,],
  text: 'a { b: "c", } // not a comment',
} // tail
`,
  'one line, no trailing comma': '{"gateway":{"port":18789,"auth":{"mode":"token"}},"agents":{"defaults":{}}}',
  'odd keys and numbers': "{ 'a-b': { 'c d': 1 }, $x: +Infinity, hex: 0x1F, frac: .5, neg: -1, nan: NaN, s: 'it\\'s', \"q\": \"a\\\"b\" }\n",
};
