import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REDACTED, isSecretKey, redactSecrets } from '../src/redact.js';

/** The words that make a key name secret, and names that must stay readable. */
const SECRET_WORDS = ['token', 'secret', 'password', 'passwd', 'passphrase', 'apiKey', 'api_key', 'api-key', 'authorization', 'cookie', 'credential', 'privateKey', 'private_key', 'bearer'];
const PLAIN = ['port', 'bind', 'mode', 'enabled', 'profiles', 'cdpUrl', 'load', 'level', 'host', 'name', 'entries', 'items'];

const caseShuffled = (word: string) =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((up) => [...word].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
const affix = fc.string({ unit: fc.constantFrom('a', 'x', 'Z', '_', '-', '.', '0', ' ', 'é'), maxLength: 6 }).map((s) => s.replace(/\./g, ''));
/** Any key name containing a secret word, in any case, with anything before and after it. */
const secretName = fc.tuple(affix, fc.constantFrom(...SECRET_WORDS).chain(caseShuffled), affix).map(([a, w, b]) => `${a}${w}${b}`);
const plainName = fc.constantFrom(...PLAIN);
const marker = fc.uuid().map((u) => `SECRET-${u}`);
const payload = (m: string) => fc.oneof(fc.constant(m), fc.constant({ value: m }), fc.constant([m]), fc.constant({ nested: { deep: [m] } }));

describe('redact (property): one rule for every printer and logger', () => {
  it('a value under any key name containing a secret word never shows, at any depth, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(plainName, { maxLength: 4 }), secretName, fc.array(fc.oneof(plainName, secretName), { maxLength: 3 }), marker, (above, key, below, m) =>
        fc.assert(
          fc.property(payload(m), (p) => {
            let leaf: unknown = p;
            for (const k of [...below].reverse()) leaf = { [k]: leaf };
            let doc: unknown = { [key]: leaf, visible: 'keep-me' };
            for (const k of [...above].reverse()) doc = { [k]: doc };
            const text = JSON.stringify(redactSecrets(doc));
            assert.ok(!text.includes(m), `${key} leaked in ${text}`);
            assert.ok(text.includes('keep-me'), 'a sibling plain value stays');
            // Asked for directly at its own path (config get a.b.<secret>), it is redacted too.
            assert.equal(redactSecrets(p, [...above, key]), REDACTED);
            assert.ok(isSecretKey([...above, key].join('.')));
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 300 },
    );
  });

  it('values under plain keys are kept exactly', () => {
    const plainDoc = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.boolean(), fc.dictionary(plainName, tie('node'), { maxKeys: 3 }), fc.array(tie('node'), { maxLength: 3 })),
    })).node;
    fc.assert(fc.property(plainDoc, (doc) => assert.equal(JSON.stringify(redactSecrets(doc)), JSON.stringify(doc))), { numRuns: 300 });
  });

  it('an extra predicate (a schema-declared secret) hides a field the words do not catch', () => {
    const extra = (path: readonly string[]) => path.join('.') === 'plugins.entries.x.webhook';
    const doc = { plugins: { entries: { x: { webhook: 'https://hooks.example/abc', port: 1 } } } };
    assert.deepEqual(redactSecrets(doc, [], extra), { plugins: { entries: { x: { webhook: REDACTED, port: 1 } } } });
    assert.equal(isSecretKey('plugins.entries.x.webhook', extra), true);
    assert.equal(isSecretKey('plugins.entries.x.webhook'), false);
  });

  const keys: Array<[string, boolean]> = [
    ['gateway.auth.token', true],
    ['gateway.auth', false],
    ['gateway.auth.mode', false],
    ['plugins.entries.x.authorization', true],
    ['plugins.entries.x.headers.Cookie', true],
    ['plugins.slack.botToken', true],
    ['x.api_key', true],
    ['gateway.port', false],
    ['browser.profiles.work.cdpUrl', false],
  ];
  for (const [key, secret] of keys) it(`${key} is ${secret ? '' : 'not '}a secret`, () => assert.equal(isSecretKey(key), secret));

  it('a __proto__ key is copied as data, never as the prototype', () => {
    const doc = JSON.parse('{"__proto__": {"token": "t0ps3cret"}, "a": 1}') as unknown;
    const out = redactSecrets(doc) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.ok(!JSON.stringify(out).includes('t0ps3cret'));
  });
});
