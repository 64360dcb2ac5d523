import assert from 'node:assert/strict';
import { canonicalAddress, hostOfHostHeader, isLoopbackAddress, isLoopbackHost, isUnspecifiedAddress } from '../../src/address/loopback.js';

describe('the one loopback rule', () => {
  const table: Array<[string, string | undefined, boolean]> = [
    ['127.0.0.1', '127.0.0.1', true],
    ['127.8.9.10', '127.8.9.10', true],
    ['::1', '0:0:0:0:0:0:0:1', true],
    ['[::1]', '0:0:0:0:0:0:0:1', true],
    ['0:0:0:0:0:0:0:1', '0:0:0:0:0:0:0:1', true],
    // IPv4-mapped and -compatible IPv6 are their IPv4 (the foreign-CDP bypass of issue 16 #5)
    ['::ffff:127.0.0.1', '127.0.0.1', true],
    ['[::ffff:7f00:1]', '127.0.0.1', true],
    ['::FFFF:127.0.0.2', '127.0.0.2', true],
    ['::127.0.0.1', '127.0.0.1', true],
    ['::ffff:10.0.0.1', '10.0.0.1', false],
    ['10.0.0.1', '10.0.0.1', false],
    ['fe80::1%eth0', 'fe80:0:0:0:0:0:0:1', false],
    ['::', '0:0:0:0:0:0:0:0', false],
    ['1:2:3:4:5:6:7:8:9', undefined, false],
    ['256.0.0.1', undefined, false],
    ['evil.example', undefined, false],
  ];
  for (const [input, canonical, loopback] of table) {
    it(`${input} → ${canonical ?? 'a name'}, ${loopback ? 'loopback' : 'not loopback'}`, () => {
      assert.equal(canonicalAddress(input), canonical);
      assert.equal(isLoopbackAddress(input), loopback);
    });
  }
  it('names: localhost and *.localhost are loopback without DNS; anything else needs resolving', () => {
    for (const h of ['localhost', 'LOCALHOST', 'app.localhost', 'localhost.']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['localhost.evil.example', 'evil.example', '']) assert.equal(isLoopbackHost(h), false, h);
  });
  it('unspecified addresses', () => {
    assert.equal(isUnspecifiedAddress('0.0.0.0'), true);
    assert.equal(isUnspecifiedAddress('[::]'), true);
    assert.equal(isUnspecifiedAddress('::ffff:0.0.0.0'), true);
    assert.equal(isUnspecifiedAddress('127.0.0.1'), false);
  });
  it('Host header → host', () => {
    assert.deepEqual(['[::1]:80', 'localhost:80', 'evil', '::1'].map(hostOfHostHeader), ['::1', 'localhost', 'evil', '::1']);
  });
});
