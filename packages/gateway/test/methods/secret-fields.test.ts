import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOGS_DIR, PLUGIN_API_VERSION, REDACTED, configSection, secret, z, type ClawportPlugin } from '@clawport/core';
import { GatewayClient } from '../../src/client/index.js';
import { defaultPlugins, gatewayOptions, gatewaysInTempHome, setupProfile, started } from '../helpers.js';

// From the gateway test range (24000–24410); files in one package run one after another.
const MAIN = 24000;
const HOOK_URL = 'https://hooks.example/services/T000/B000/abcdefghijkl';

// A plugin section whose secret has a name the name rule does not know: only the marker hides it.
const section = { key: 'webhook', schema: z.strictObject({ url: secret(z.string()).optional(), label: z.string().optional() }) };
const webhookPlugin: ClawportPlugin = {
  apiVersion: PLUGIN_API_VERSION,
  id: 'webhook',
  config: section,
  start: (ctx) => {
    const url = configSection(section, ctx.config)?.url;
    // A careless plugin logs its secret, in a message and in a field: the log still never shows it.
    ctx.log.info(`webhook: posting to ${url}`, { target: url });
    return Promise.resolve({ stop: () => Promise.resolve() });
  },
};

describe('a field the schema marks secret (issue 15): config.get, config.patch and the log', () => {
  const env = gatewaysInTempHome();

  it('is redacted in config.get, kept when a client echoes the placeholder back, and never in the log', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN }, webhook: { url: HOOK_URL, label: 'ops' } });
    await started(env.running, gatewayOptions(main, { plugins: [...defaultPlugins(), webhookPlugin] }));
    const client = await GatewayClient.connect({ url: `ws://127.0.0.1:${MAIN}/`, token: main.token });
    try {
      const got = await client.call<{ config: { webhook: { url: string; label: string } } }>('config.get');
      assert.deepEqual(got.config.webhook, { url: REDACTED, label: 'ops' });

      const patched = await client.call<{ config: { webhook: { url: string; label: string } } }>('config.patch', { patch: { webhook: { ...got.config.webhook, label: 'ops-2' } } });
      assert.deepEqual(patched.config.webhook, { url: REDACTED, label: 'ops-2' });
      const stored = await readFile(main.instance.configPath, 'utf8');
      assert.ok(stored.includes(HOOK_URL), 'the stored secret is kept, not replaced by the placeholder');
      assert.ok(!stored.includes(REDACTED));
    } finally {
      await client.close();
    }
    const log = await readFile(join(main.instance.stateDir, LOGS_DIR, 'gateway.log'), 'utf8');
    assert.match(log, /webhook: posting to <redacted>/);
    assert.ok(!log.includes(HOOK_URL), 'the secret value is in no log line');
  });
});
