import assert from 'node:assert/strict';
import { mergePatch } from '../../src/methods/config.js';
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
