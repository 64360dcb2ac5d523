import assert from 'node:assert/strict';
import * as core from '@clawport/core';
// The SDK as a plugin gets it: its own bundled copy of core's modules (dist/core), not the host's.
import * as sdk from '../dist/index.js';

describe("the SDK's copy of core's classes and markers works in the host (a plugin built on the SDK, loaded by a gateway)", () => {
  it('is a copy: the classes are not the same objects', () => {
    assert.notEqual(sdk.PortConflictError, core.PortConflictError);
  });

  it("a PortConflictError thrown by a plugin is the host's PortConflictError (the gateway's all-or-nothing rule sees it)", () => {
    const e = new sdk.PortConflictError('webhook 127.0.0.1:18795 is in use', 'free it', 18795, 'webhook', 'webhook');
    assert.ok(e instanceof core.PortConflictError);
    assert.ok(e instanceof core.ClawportError);
    assert.ok(!(e instanceof core.PluginError));
    assert.ok(!(e instanceof core.ConfigError));
    const p = new sdk.PluginError('webhook', 'boom');
    assert.ok(p instanceof core.PluginError && !(p instanceof core.PortConflictError));
    assert.ok(new core.PortConflictError('m', undefined, 1, 'r', 'o') instanceof sdk.PortConflictError, 'and the other way round');
    assert.ok(!(new Error('plain') instanceof core.ClawportError));
    assert.ok(!(({ name: 'PortConflictError' }) instanceof core.PortConflictError), 'a look-alike object is not one');
  });

  it("a field marked secret with the SDK's secret() is secret to the host's redaction", () => {
    const schema = sdk.z.strictObject({ url: sdk.secret(sdk.z.string()).optional(), label: sdk.z.string().optional() });
    const merged = core.mergedConfigSchema([{ apiVersion: core.PLUGIN_API_VERSION, id: 'webhook', config: { key: 'webhook', schema } }]);
    assert.deepEqual(core.secretPaths(merged), [['webhook', 'url']]);
    const shown = core.redactSecrets({ webhook: { url: 'https://hooks.example/abc', label: 'ops' } }, [], core.schemaSecretHint(merged));
    assert.deepEqual(shown, { webhook: { url: core.REDACTED, label: 'ops' } });
  });
});
