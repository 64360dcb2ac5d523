import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigError } from '../../src/errors.js';
import { parseConfig, validateConfig } from '../../src/config/parse.js';
import { setKey } from '../../src/config/key-path.js';

const SAMPLES = [
  '{}',
  '// main gateway\n{\n  gateway: { port: 18789, bind: "loopback", auth: { mode: "token" } },\n  browser: { controlPort: 18791, profiles: { work: { cdpPort: 18805 } } },\n  canvasHost: { port: 18793, liveReload: true },\n}\n',
  "{ 'agents': { defaults: { workspace: '~/.openclaw/workspace-rescue' } }, plugins: { load: ['./metrics.js'] }, metrics: { port: 9100 }, }",
  '{\n  "gateway": {\n    "port": 19001\n  },\n  "logging": { "level": "info", "maxFiles": 3 }\n}',
];

/** Characters that matter to JSON5 and to the schema, so mutations land on interesting input. */
const noise = fc.oneof(fc.constantFrom('{', '}', '[', ']', ':', ',', '"', "'", '/', '*', '\n', '\\', ' ', '-', '.', 'e', 'x', '0', '9', 'null', 'true', 'Infinity', 'NaN', '0x1F', '__proto__', 'port'), fc.string({ maxLength: 3 }));

type Mutation = { kind: 'delete' | 'insert' | 'replace' | 'duplicate'; at: number; len: number; text: string };
const mutationArb = fc.record({ kind: fc.constantFrom('delete', 'insert', 'replace', 'duplicate'), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }), text: noise }) as fc.Arbitrary<Mutation>;

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.text + t.slice(at);
    else if (m.kind === 'replace') t = t.slice(0, at) + m.text + t.slice(at + m.len);
    else t = t.slice(0, at) + t.slice(at, at + m.len) + t.slice(at);
  }
  return t;
}

function onlyConfigErrors(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `not a ConfigError: ${String(e)}`);
    assert.ok(!e.toLine().includes('\n'), `more than one line: ${e.toLine()}`);
    assert.equal(e.exitCode, 78);
    assert.ok(e.message.startsWith('f.json5'), 'names the file');
  }
}

describe('config/parse (property)', () => {
  it('random text mutations of valid JSON5: a config or a one-line ConfigError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (sample, ms) => {
        onlyConfigErrors(() => parseConfig(mutate(sample, ms), 'f.json5'));
      }),
      { numRuns: 1500 },
    );
  });

  it('random values at known and unknown key paths: a config or a one-line ConfigError', () => {
    const keyPath = fc.constantFrom('gateway', 'gateway.port', 'gateway.bind', 'gateway.auth', 'gateway.auth.token', 'browser', 'browser.controlPort', 'browser.profiles', 'browser.profiles.w', 'browser.profiles.w.cdpPort', 'browser.profiles.w.cdpUrl', 'canvasHost.port', 'agents', 'agents.defaults.workspace', 'plugins.load', 'logging.level', 'gateway.extra', 'metrics.port', 'x');
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), keyPath, fc.jsonValue(), (sample, path, value) => {
        onlyConfigErrors(() => {
          const base = parseConfig(sample, 'f.json5') as Record<string, unknown>;
          let next: Record<string, unknown>;
          try {
            next = setKey(base, path, value);
          } catch {
            return; // setKey refuses to descend into a non-object: a UsageError, tested elsewhere
          }
          validateConfig(next, 'f.json5', JSON.stringify(next, null, 2));
        });
      }),
      { numRuns: 1000 },
    );
  });
});
