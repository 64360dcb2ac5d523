import assert from 'node:assert/strict';
import { mergePatch } from '../../../src/methods/config.js';
import { REDACTED } from '@clawport/core';

describe('config.patch merge (RFC 7396)', () => {
  const table: Array<{ name: string; target: unknown; patch: unknown; out: unknown }> = [
    { name: 'adds a key', target: { a: 1 }, patch: { b: 2 }, out: { a: 1, b: 2 } },
    { name: 'merges nested', target: { g: { port: 1, bind: 'loopback' } }, patch: { g: { port: 2 } }, out: { g: { port: 2, bind: 'loopback' } } },
    { name: 'null deletes', target: { a: 1, b: 2 }, patch: { b: null }, out: { a: 1 } },
    { name: 'array replaces', target: { l: [1, 2] }, patch: { l: [3] }, out: { l: [3] } },
    { name: 'object over scalar', target: { a: 1 }, patch: { a: { b: 1 } }, out: { a: { b: 1 } } },
    { name: 'echoed redacted secret keeps the stored one', target: { auth: { token: 'real' } }, patch: { auth: { token: REDACTED, mode: 'token' } }, out: { auth: { token: 'real', mode: 'token' } } },
  ];
  for (const t of table) it(t.name, () => assert.deepEqual(mergePatch(t.target, t.patch), t.out));
});

describe('config.patch merge refuses keys that are no config keys (prototype pollution)', () => {
  for (const patch of ['{"__proto__":{"bind":"lan"}}', '{"gateway":{"__proto__":{"bind":"lan"}}}', '{"constructor":{"prototype":{"y":1}}}', '{"a":{"prototype":1}}']) {
    it(patch, () => {
      // JSON.parse makes "__proto__" an own key, as the gateway's frame parser does
      assert.throws(() => mergePatch({ gateway: { port: 1 } }, JSON.parse(patch)), /is not a config key; nothing was written/);
    });
  }
  it('the result never inherits: every key it shows is its own', () => {
    const out = mergePatch({}, JSON.parse('{"gateway":{"port":2}}')) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['gateway']);
  });
});
