import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REDACTED, isSecretKey, redactSecrets, redactUrlPassword, restoreEchoedUrlPasswords, urlPasswords } from '../src/redact.js';

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
      node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string().filter((t) => !t.includes('://')), fc.boolean(), fc.dictionary(plainName, tie('node'), { maxKeys: 3 }), fc.array(tie('node'), { maxLength: 3 })),
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

  describe('a password inside a URL, whatever the key is called', () => {
    // User info may hold anything but the characters that end the authority; the password may even hold
    // `@` and `:` (the WHATWG parser takes the last `@`).
    const userChars = fc.constantFrom(...'abcXYZ019-_.~%'.split(''));
    const passChars = fc.constantFrom(...'abcXYZ019-_.~%!$&*+,;=:@'.split(''));
    const user = fc.string({ unit: userChars, maxLength: 8 });
    const pass = fc.string({ unit: passChars, minLength: 1, maxLength: 16 }).map((p) => `PW${p}`);
    const scheme = fc.constantFrom('http', 'https', 'ws', 'wss', 'redis', 'postgres+ssl');
    const rest = fc.constantFrom('127.0.0.1:9222', 'hooks.example/services/x?y=1', 'h#frag', 'host.example:443/');
    const url = fc.tuple(scheme, user, pass, rest).map(([s, u, p, r]) => ({ text: `${s}://${u}:${p}@${r}`, user: u, pass: p, host: r }));

    it('never shows, in a value or quoted in a text, at any plain key; user and host stay readable', () => {
      fc.assert(
        fc.property(url, ({ text, user: u, pass: p, host }) => {
          const shown = redactSecrets({ browser: { cdpUrl: text, list: [text] }, note: `could not reach ${text} (timeout)` });
          const out = JSON.stringify(shown);
          assert.ok(!out.includes(p), `${p} leaked in ${out}`);
          assert.ok(out.includes(`${u}:${REDACTED}@${host}`), out);
          assert.equal(redactUrlPassword(redactUrlPassword(text)), redactUrlPassword(text), 'redacting twice changes nothing');
          assert.ok(urlPasswords(shown).every((x) => x === REDACTED));
        }),
        { numRuns: 300 },
      );
    });

    it('a client echoing the redacted value back keeps the stored URL, and a real change is a change', () => {
      fc.assert(
        fc.property(url, url, ({ text }, other) => {
          const stored = { browser: { cdpUrl: text }, hooks: [text, 'plain'], port: 1 };
          assert.deepEqual(restoreEchoedUrlPasswords(redactSecrets(stored), stored), stored);
          const edited = { browser: { cdpUrl: other.text }, hooks: ['plain'], port: 2 };
          assert.deepEqual(restoreEchoedUrlPasswords(edited, stored), edited);
        }),
        { numRuns: 300 },
      );
    });

    const cases: Array<[string, string]> = [
      ['http://admin:hunter2@10.0.0.5:9222', `http://admin:${REDACTED}@10.0.0.5:9222`],
      ['wss://u:p@ss@host/x', `wss://u:${REDACTED}@host/x`],
      ['https://:tok@host', `https://:${REDACTED}@host`],
      ['https://user@host/a:b@c', 'https://user@host/a:b@c'],
      ['http://host:9222/json/version', 'http://host:9222/json/version'],
      ['mailto:a:b@c', 'mailto:a:b@c'],
      ['see http://a:b@h and ws://c:d@i, then x@y', `see http://a:${REDACTED}@h and ws://c:${REDACTED}@i, then x@y`],
    ];
    for (const [text, shown] of cases) it(`${text} → ${shown}`, () => assert.equal(redactUrlPassword(text), shown));
  });
});
