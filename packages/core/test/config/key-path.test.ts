import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { getKey, parseCliValue, setKey, splitKeyPath, unsetKey } from '../../src/config/key-path.js';
import { throwsLine } from '../helpers/expect-error.js';

describe('config/key-path', () => {
  describe('splitKeyPath', () => {
    const ok: Array<[string, string[]]> = [
      ['gateway', ['gateway']],
      ['gateway.port', ['gateway', 'port']],
      ['browser.profiles.work.cdpPort', ['browser', 'profiles', 'work', 'cdpPort']],
    ];
    for (const [path, parts] of ok) it(`${path}`, () => assert.deepEqual(splitKeyPath(path), parts));

    const bad: Array<[string, string]> = [
      ['', 'invalid config key "" (use dotted keys like gateway.port)'],
      ['  ', 'invalid config key "  " (use dotted keys like gateway.port)'],
      ['gateway.', 'invalid config key "gateway." (use dotted keys like gateway.port)'],
      ['.port', 'invalid config key ".port" (use dotted keys like gateway.port)'],
      ['a..b', 'invalid config key "a..b" (use dotted keys like gateway.port)'],
      ['__proto__.polluted', 'invalid config key "__proto__.polluted" (that key name is reserved)'],
      ['a.constructor.prototype', 'invalid config key "a.constructor.prototype" (that key name is reserved)'],
    ];
    for (const [path, line] of bad) it(`refuses ${JSON.stringify(path)}`, () => throwsLine(() => splitKeyPath(path), UsageError, line));
  });

  describe('getKey', () => {
    const root = { gateway: { port: 18789, auth: { mode: 'token' } }, list: [1, 2], nil: null };
    const table: Array<[string, unknown]> = [
      ['gateway.port', 18789],
      ['gateway.auth', { mode: 'token' }],
      ['gateway.missing', undefined],
      ['gateway.port.deeper', undefined],
      ['list.0', undefined],
      ['nil.x', undefined],
      ['absent.x.y', undefined],
      ['toString', undefined],
      ['gateway.valueOf', undefined],
    ];
    for (const [path, value] of table) it(`${path} → ${JSON.stringify(value)}`, () => assert.deepEqual(getKey(root, path), value));
  });

  describe('setKey returns a copy', () => {
    const table: Array<[string, Record<string, unknown>, string, unknown, Record<string, unknown>]> = [
      ['sets a new top-level key', {}, 'x', 1, { x: 1 }],
      ['creates intermediate objects', {}, 'browser.profiles.work.cdpPort', 18805, { browser: { profiles: { work: { cdpPort: 18805 } } } }],
      ['replaces a value', { gateway: { port: 1, bind: 'lan' } }, 'gateway.port', 2, { gateway: { port: 2, bind: 'lan' } }],
      ['sets an object value', { gateway: {} }, 'gateway.auth', { mode: 'none' }, { gateway: { auth: { mode: 'none' } } }],
      ['inherited names are ordinary keys', {}, 'toString.x', 1, { toString: { x: 1 } }],
    ];
    for (const [name, root, path, value, expected] of table) {
      it(name, () => {
        const before = structuredClone(root);
        assert.deepEqual(setKey(root, path, value), expected);
        assert.deepEqual(root, before, 'the input is not modified');
      });
    }
    it('refuses to descend into a non-object', () =>
      throwsLine(() => setKey({ gateway: 5 }, 'gateway.port', 1), UsageError, 'cannot set gateway.port: gateway is not an object (unset gateway first)'));
    it('refuses to descend into an array', () =>
      throwsLine(() => setKey({ a: [] }, 'a.b', 1), UsageError, 'cannot set a.b: a is not an object (unset a first)'));
  });

  describe('unsetKey returns a copy and prunes emptied objects', () => {
    const table: Array<[string, Record<string, unknown>, string, Record<string, unknown>]> = [
      ['removes a leaf, keeps siblings', { gateway: { port: 1, bind: 'lan' } }, 'gateway.port', { gateway: { bind: 'lan' } }],
      ['prunes parents left empty', { browser: { profiles: { work: { cdpPort: 1 } } }, x: 1 }, 'browser.profiles.work.cdpPort', { x: 1 }],
      ['stops pruning at a non-empty parent', { browser: { enabled: true, profiles: { work: { cdpPort: 1 } } } }, 'browser.profiles.work.cdpPort', { browser: { enabled: true } }],
      ['missing key is a no-op', { a: 1 }, 'b.c', { a: 1 }],
      ['non-object on the way is a no-op', { a: 1 }, 'a.b', { a: 1 }],
      ['removes a whole section', { gateway: { port: 1 }, a: 1 }, 'gateway', { a: 1 }],
    ];
    for (const [name, root, path, expected] of table) {
      it(name, () => {
        const before = structuredClone(root);
        assert.deepEqual(unsetKey(root, path), expected);
        assert.deepEqual(root, before);
      });
    }
  });

  describe('parseCliValue: JSON5 when it parses, else the raw string', () => {
    const table: Array<[string, unknown]> = [
      ['18789', 18789],
      ['true', true],
      ['null', null],
      ['{a:1}', { a: 1 }],
      ['[1,2]', [1, 2]],
      ['"quoted"', 'quoted'],
      ['loopback', 'loopback'],
      ['~/work', '~/work'],
      ['', ''],
    ];
    for (const [raw, value] of table) it(`${JSON.stringify(raw)} → ${JSON.stringify(value)}`, () => assert.deepEqual(parseCliValue(raw), value));
  });
});
