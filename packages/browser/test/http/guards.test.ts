import assert from 'node:assert/strict';
import { csrfRefusal, hasValidToken, hostRefusal, isMutating } from '../../src/http/guards.js';

const TOKEN = 'a'.repeat(48);

describe('http/guards', () => {
  const tokens: Array<[string, string | undefined, boolean]> = [
    ['the right bearer token', `Bearer ${TOKEN}`, true],
    ['lower-case scheme', `bearer ${TOKEN}`, true],
    ['no header', undefined, false],
    ['empty', '', false],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 47)}`, false],
    ['the token plus more', `Bearer ${TOKEN}b`, false],
    ['another scheme', `Basic ${TOKEN}`, false],
    ['token without scheme', TOKEN, false],
  ];
  for (const [what, header, ok] of tokens) it(`token: ${what} → ${ok}`, () => assert.equal(hasValidToken(header, TOKEN), ok));

  const csrf: Array<[string, string, { secFetchSite?: string; origin?: string }, boolean]> = [
    ['CLI POST (no browser headers)', 'POST', {}, false],
    ['cross-site POST', 'POST', { secFetchSite: 'cross-site' }, true],
    ['cross-site GET (read-only, token still required)', 'GET', { secFetchSite: 'cross-site' }, false],
    ['same-origin POST from a loopback page', 'POST', { secFetchSite: 'same-origin', origin: 'http://127.0.0.1:18791' }, false],
    ['localhost origin', 'DELETE', { origin: 'http://localhost:3000' }, false],
    ['[::1] origin', 'POST', { origin: 'http://[::1]:8080' }, false],
    ['foreign origin', 'POST', { origin: 'https://evil.example' }, true],
    ['origin null', 'POST', { origin: 'null' }, true],
    ['127.0.0.1.evil.example is not loopback', 'POST', { origin: 'http://127.0.0.1.evil.example' }, true],
  ];
  for (const [what, method, headers, refused] of csrf) {
    it(`csrf: ${what} → ${refused ? 'refused' : 'allowed'}`, () => assert.equal(csrfRefusal(method, headers) !== undefined, refused));
  }

  const hosts: Array<[string | undefined, boolean]> = [
    ['127.0.0.1:18791', false],
    ['localhost:18791', false],
    ['[::1]:18791', false],
    [undefined, false],
    ['evil.example:18791', true],
    ['192.168.1.5:18791', true],
  ];
  for (const [host, refused] of hosts) it(`host: ${host} → ${refused ? 'refused' : 'allowed'}`, () => assert.equal(hostRefusal(host) !== undefined, refused));

  it('only GET, HEAD and OPTIONS are read-only', () => {
    assert.deepEqual(['GET', 'HEAD', 'OPTIONS', 'POST', 'DELETE', 'PUT', 'patch'].map(isMutating), [false, false, false, true, true, true, true]);
  });
});
