import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REDACTED, isSecretKey, mergedConfigSchema, redactSecrets, schemaSecretHint, secret, secretPaths, secretValues, z, type ClawportPlugin } from '../../src/index.js';

// A plugin section whose secrets have names the name rule does not know (that is what the marker is for).
const webhookSchema = z.strictObject({
  port: z.number().optional(),
  url: secret(z.string()).optional(),
  targets: z.record(z.string(), z.strictObject({ endpoint: secret(z.string()), label: z.string().optional() })).optional(),
  relays: z.array(z.strictObject({ dsn: secret(z.string()).optional(), name: z.string() })).optional(),
  signing: secret(z.strictObject({ kid: z.string(), material: z.string() })).optional(),
});
const plugin: ClawportPlugin = { apiVersion: 1, id: 'webhook', config: { key: 'webhook', schema: webhookSchema } };
const schema = mergedConfigSchema([plugin]);
const config = {
  gateway: { port: 18789 },
  webhook: {
    port: 18795,
    url: 'https://hooks.example/T000/B000/XXXXXXXX',
    targets: { ops: { endpoint: 'https://ops.example/in/abcdef123', label: 'ops room' } },
    relays: [{ dsn: 'relay://user:pw@relay.example/1', name: 'first' }, { name: 'second' }],
    signing: { kid: 'k1', material: 'base64-key-material' },
  },
};

describe('secrets declared in a schema (issue 15: the marker an author sets, used by the one redaction rule)', () => {
  it('finds marked fields through optional, record, array and object wrappers, and only those', () => {
    assert.deepEqual(secretPaths(schema).map((p) => p.join('.')).sort(), ['webhook.relays.dsn', 'webhook.signing', 'webhook.targets.*.endpoint', 'webhook.url']);
  });

  it('redactSecrets with the schema hint hides every marked value and keeps the rest', () => {
    const shown = redactSecrets(config, [], schemaSecretHint(schema)) as typeof config;
    assert.equal(shown.webhook.url, REDACTED);
    assert.equal(shown.webhook.targets.ops.endpoint, REDACTED);
    assert.equal(shown.webhook.targets.ops.label, 'ops room');
    assert.equal(shown.webhook.relays[0].dsn, REDACTED);
    assert.equal(shown.webhook.relays[1].name, 'second');
    assert.equal(shown.webhook.signing, REDACTED);
    assert.equal(shown.webhook.port, 18795);
    assert.equal(shown.gateway.port, 18789);
  });

  it('a value asked for directly (config get webhook.url, or the whole section) is hidden too', () => {
    const hint = schemaSecretHint(schema);
    assert.equal(redactSecrets(config.webhook.url, 'webhook.url', hint), REDACTED);
    assert.equal((redactSecrets(config.webhook, 'webhook', hint) as { url: string }).url, REDACTED);
    assert.equal(isSecretKey('webhook.signing.kid', hint), true, 'under a marked object');
    assert.equal(isSecretKey('webhook.port', hint), false);
  });

  it('without the hint the name rule alone misses them: the marker is what hides them', () => {
    const shown = redactSecrets(config) as typeof config;
    assert.equal(shown.webhook.url, config.webhook.url);
  });

  it('secretValues lists the marked values a log must never show (long enough to scrub)', () => {
    assert.deepEqual(secretValues(config, schema).sort(), ['base64-key-material', 'https://hooks.example/T000/B000/XXXXXXXX', 'https://ops.example/in/abcdef123', 'relay://user:pw@relay.example/1'].sort());
  });

  it('property: for any record key, a marked field below it is redacted and never echoed', () => {
    const hint = schemaSecretHint(schema);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ minLength: 8, maxLength: 40 }), (key, value) => {
        const c = { webhook: { targets: { [key]: { endpoint: value } } } };
        const text = JSON.stringify(redactSecrets(c, [], hint));
        return !text.includes(JSON.stringify(value)) && secretValues(c, schema).includes(value);
      }),
      { numRuns: 300 },
    );
  });
});
