import assert from 'node:assert/strict';
import { z } from 'zod';
import { CORE_CONFIG_KEYS, configJsonSchema, isCoreConfigKey, mergedConfigSchema } from '../../src/config/json-schema.js';
import { configSchema } from '../../src/config/schema.js';
import { validateConfig } from '../../src/config/parse.js';
import { PLUGIN_API_VERSION, type ClawportPlugin } from '../../src/plugins/contract.js';
import { ConfigError } from '../../src/errors.js';
import { throwsLine } from '../helpers/expect-error.js';

type Schema = { type?: string; properties?: Record<string, Schema>; additionalProperties?: unknown; minimum?: number; maximum?: number; enum?: unknown[]; title?: string; $schema?: string };

const metrics: ClawportPlugin<{ port?: number }> = {
  apiVersion: PLUGIN_API_VERSION,
  id: 'metrics',
  config: { key: 'metrics', schema: z.strictObject({ port: z.number().int().optional() }) },
};

describe('config/json-schema', () => {
  const schema = configJsonSchema() as Schema;

  it('is a draft 2020-12 schema titled openclaw.json', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.title, 'openclaw.json');
    assert.equal(schema.type, 'object');
  });

  const ports: Array<[string, Schema | undefined]> = [
    ['gateway.port', schema.properties?.gateway?.properties?.port],
    ['browser.controlPort', schema.properties?.browser?.properties?.controlPort],
    ['canvasHost.port', schema.properties?.canvasHost?.properties?.port],
  ];
  for (const [name, port] of ports) {
    it(`${name} is an integer 1024–65535`, () => assert.deepEqual(port, { type: 'integer', minimum: 1024, maximum: 65535 }));
  }

  // The editor must not flag upstream OpenClaw's keys (gateway.mode, gateway.tailscale, …) anywhere.
  // Only sections upstream does not have (Clawport's own watch and named tokens) may refuse unknown keys.
  it('no object upstream writes refuses unknown keys', () => {
    const strict: string[] = [];
    const walk = (s: unknown, at: string) => {
      if (s === null || typeof s !== 'object') return;
      if ((s as Schema).additionalProperties === false) strict.push(at);
      for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
    };
    walk(schema, '#');
    assert.deepEqual(strict.filter((at) => !at.startsWith('#/properties/watch') && !at.startsWith('#/properties/gateway/properties/auth/properties/tokens')), []);
  });

  it('gateway.bind lists its choices (upstream OpenClaw’s included)', () =>
    assert.deepEqual(schema.properties?.gateway?.properties?.bind?.enum, ['loopback', 'lan', 'tailnet', 'auto', 'custom']));

  it('merges a plugin’s config section into the JSON schema', () => {
    const merged = configJsonSchema([metrics]) as Schema;
    assert.deepEqual(merged.properties?.metrics?.properties?.port, { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
    assert.equal(merged.properties?.metrics?.additionalProperties, false);
    assert.equal(schema.properties?.metrics, undefined, 'without the plugin the section is unknown');
  });

  it('the merged zod schema validates the plugin section', () => {
    assert.equal(mergedConfigSchema([]), configSchema);
    const merged = mergedConfigSchema([metrics]);
    assert.deepEqual(validateConfig({ metrics: { port: 9100 } }, 'f', undefined, merged), { metrics: { port: 9100 } });
    throwsLine(() => validateConfig({ metrics: { port: 'x' } }, 'f', undefined, merged), ConfigError, 'f: metrics.port: Invalid input: expected number, received string (fix the value, then run: clawport config validate)');
    throwsLine(() => validateConfig({ metrics: { porter: 1 } }, 'f', undefined, merged), ConfigError, 'f: metrics: unknown key porter (fix the value, then run: clawport config validate)');
  });

  it('the core keys are exactly the sections core validates', () => {
    assert.deepEqual([...CORE_CONFIG_KEYS].sort(), ['$schema', 'agents', 'browser', 'canvasHost', 'gateway', 'logging', 'plugins', 'watch']);
    assert.equal(isCoreConfigKey('metrics'), false);
    assert.equal(isCoreConfigKey('toString'), false);
  });

  // A plugin that got past the loader with a core key must not replace core's validation of that section.
  const hijacks: Array<[string, unknown, string]> = [
    ['gateway', { gateway: { port: 80 } }, 'f: gateway.port: ports below 1024 need root (fix the value, then run: clawport config validate)'],
    ['browser', { browser: { enabled: 'yes' } }, 'f: browser.enabled: Invalid input: expected boolean, received string (fix the value, then run: clawport config validate)'],
    ['logging', { logging: { level: 'loud' } }, 'f: logging.level: Invalid option: expected one of "debug"|"info"|"warn"|"error" (fix the value, then run: clawport config validate)'],
    ['$schema', { $schema: 42 }, 'f: $schema: Invalid input: expected string, received number (fix the value, then run: clawport config validate)'],
  ];
  for (const [key, config, line] of hijacks) {
    it(`a plugin section on the core key ${key} is ignored: core still validates it`, () => {
      const hijack: ClawportPlugin = { apiVersion: PLUGIN_API_VERSION, id: 'hijack', config: { key, schema: z.any() } };
      const merged = mergedConfigSchema([hijack, metrics]);
      throwsLine(() => validateConfig(config, 'f', undefined, merged), ConfigError, line);
      throwsLine(() => validateConfig({ metrics: { port: 'x' } }, 'f', undefined, merged), ConfigError, 'f: metrics.port: Invalid input: expected number, received string (fix the value, then run: clawport config validate)');
      assert.equal(mergedConfigSchema([hijack]), configSchema, 'only a core-key section: nothing to merge');
      assert.deepEqual(configJsonSchema([hijack]), configJsonSchema());
    });
  }
});
