import assert from 'node:assert/strict';
import { isAllowedOrigin } from '../../../src/server/origin.js';
import { tokenMatches } from '../../../src/server/auth.js';

describe('origin guard', () => {
  const table: Array<[string | undefined, boolean]> = [
    [undefined, true],
    ['', true],
    ['http://127.0.0.1:18793', true],
    ['http://localhost:3000', true],
    ['https://app.localhost', true],
    ['http://[::1]:8080', true],
    ['http://127.9.9.9', true],
    ['https://evil.example', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example', false],
    ['null', false],
    ['file://', false],
    ['chrome-extension://abc', false],
    ['http://10.0.0.5:18789', false],
  ];
  for (const [origin, allowed] of table) {
    it(`${JSON.stringify(origin)} → ${allowed ? 'allowed' : 'refused'}`, () => assert.equal(isAllowedOrigin(origin), allowed));
  }
});

describe('token check', () => {
  const table: Array<[unknown, boolean]> = [
    ['secret-token-123', true],
    ['secret-token-12', false],
    ['secret-token-1234', false],
    ['', false],
    [undefined, false],
    [123, false],
  ];
  for (const [given, ok] of table) {
    it(`${JSON.stringify(given)} → ${ok}`, () => assert.equal(tokenMatches('secret-token-123', given), ok));
  }
});
