import assert from 'node:assert/strict';
import { isSecretKey, redact } from '../../src/lib/redact.js';

describe('lib/redact', () => {
  const keys: Array<[string, boolean]> = [
    ['gateway.auth.token', true],
    ['gateway.auth', false],
    ['plugins.slack.botToken', true],
    ['x.apiKey', true],
    ['x.api_key', true],
    ['x.password', true],
    ['gateway.port', false],
    ['browser.profiles.work.cdpUrl', false],
  ];
  for (const [key, secret] of keys) it(`${key} is ${secret ? '' : 'not '}a secret`, () => assert.equal(isSecretKey(key), secret));

  it('redacts nested secrets anywhere, keeps everything else', () => {
    assert.deepEqual(redact({ gateway: { port: 1, auth: { token: 't', mode: 'token' } }, slack: { items: [{ secret: 's' }] } }), {
      gateway: { port: 1, auth: { token: '<redacted>', mode: 'token' } },
      slack: { items: [{ secret: '<redacted>' }] },
    });
  });

  it('a secret asked for directly is redacted too', () => assert.equal(redact('t', 'gateway.auth.token'), '<redacted>'));
});
