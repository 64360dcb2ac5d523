import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOGS_DIR, PLUGIN_API_VERSION, REDACTED, type ClawportPlugin } from '@clawport/core';
import { GatewayClient } from '../../src/client/index.js';
import { defaultPlugins, gatewayOptions, gatewaysInTempHome, setupProfile, started } from '../helpers.js';

// From the gateway test range (24000–24410); files in one package run one after another.
const MAIN = 24000;
// Short on purpose: the literal scrub list ignores secrets under 8 characters, the URL rule does not.
const CDP = 'http://admin:pw7@127.0.0.1:9/';
// A key upstream OpenClaw owns (passed through untouched): its name says nothing secret.
const HOOK = 'https://bot:Hook-Pass-99@hooks.example/services/T0';

// A plugin that quotes the URL in a message and in a field, as an error path would.
const chatty: ClawportPlugin = {
  apiVersion: PLUGIN_API_VERSION,
  id: 'chatty',
  start: (ctx) => {
    ctx.log.warn(`cannot reach ${CDP} (refused)`, { endpoint: CDP, hook: HOOK });
    return Promise.resolve({ stop: () => Promise.resolve() });
  },
};

describe('a password inside a URL (browser.cdpUrl, an upstream webhook): config.get, config.patch and the log', () => {
  const env = gatewaysInTempHome();

  it('is redacted in config.get, kept when a client echoes the whole config back, and never in the log', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN }, browser: { enabled: false, cdpUrl: CDP }, channels: { slack: { webhookUrl: HOOK } } });
    await started(env.running, gatewayOptions(main, { plugins: [...defaultPlugins(), chatty] }));
    const client = await GatewayClient.connect({ url: `ws://127.0.0.1:${MAIN}/`, token: main.token });
    try {
      type Shown = { browser: { cdpUrl: string; enabled: boolean }; channels: { slack: { webhookUrl: string } } };
      const got = await client.call<{ config: Shown }>('config.get');
      assert.equal(got.config.browser.cdpUrl, `http://admin:${REDACTED}@127.0.0.1:9/`);
      assert.equal(got.config.channels.slack.webhookUrl, `https://bot:${REDACTED}@hooks.example/services/T0`);

      // An editor echoes what it read, changing one unrelated key.
      const patched = await client.call<{ config: Shown }>('config.patch', { patch: { browser: { ...got.config.browser, headless: true }, channels: got.config.channels } });
      assert.equal(patched.config.browser.cdpUrl, got.config.browser.cdpUrl);
      const stored = await readFile(main.instance.configPath, 'utf8');
      assert.ok(stored.includes(CDP) && stored.includes(HOOK), `the stored URLs are kept: ${stored}`);
      assert.ok(!stored.includes(REDACTED));

      // A real change is written as given.
      await client.call('config.patch', { patch: { browser: { cdpUrl: 'http://other:pw8@127.0.0.1:10/' } } });
      assert.ok((await readFile(main.instance.configPath, 'utf8')).includes('http://other:pw8@127.0.0.1:10/'));
    } finally {
      await client.close();
    }
    const log = await readFile(join(main.instance.stateDir, LOGS_DIR, 'gateway.log'), 'utf8');
    assert.match(log, /cannot reach http:\/\/admin:<redacted>@127\.0\.0\.1:9\/ \(refused\)/);
    for (const pw of ['pw7', 'Hook-Pass-99', 'pw8']) assert.ok(!log.includes(`:${pw}@`), `${pw} is in no log line`);
  });
});
