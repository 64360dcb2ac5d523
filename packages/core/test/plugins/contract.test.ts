import assert from 'node:assert/strict';
import {
  ClawportError,
  ConfigError,
  PLUGIN_API_VERSION,
  PluginError,
  browserManifest,
  canvasManifest,
  configJsonSchema,
  configSection,
  definePlugin,
  mergedConfigSchema,
  resolveFootprint,
  z,
  type ClaimSpec,
  type ClawportPlugin,
  type OpenClawConfig,
} from '../../src/index.js';

// A third-party plugin as an author would write it: B+5, or an explicit port from its own section.
const section = { key: 'extra', schema: z.strictObject({ enabled: z.boolean().optional(), port: z.number().int().optional() }) };
const extra = definePlugin({
  apiVersion: PLUGIN_API_VERSION,
  id: 'extra',
  config: section,
  enabled: (config) => configSection(section, config)?.enabled !== false,
  claims: ({ config }) => {
    const port = configSection(section, config)?.port;
    return [
      port === undefined
        ? { id: 'extra', role: 'extra', from: 'base', offset: 5, bind: 'loopback' }
        : { id: 'extra', role: 'extra', port, bind: 'loopback' },
    ];
  },
});

function plugin(id: string, claims: () => ClaimSpec[]): ClawportPlugin {
  return { apiVersion: PLUGIN_API_VERSION, id, claims };
}

const builtins = [browserManifest, canvasManifest];

describe('plugin contract: definePlugin and configSection', () => {
  it('definePlugin returns the very object it was given', () => {
    const p = { apiVersion: PLUGIN_API_VERSION, id: 'same' };
    assert.equal(definePlugin(p), p);
  });

  it('configSection infers the section type from the schema', () => {
    // Compile-time check (test/tsconfig.json): a wrong type here fails `tsc -p test`.
    const parsed: { enabled?: boolean; port?: number } | undefined = configSection(section, { extra: { port: 61005 } });
    assert.deepEqual(parsed, { port: 61005 });
  });

  const cases: Array<{ name: string; config: OpenClawConfig; expect: unknown }> = [
    { name: 'absent section → undefined', config: {}, expect: undefined },
    { name: 'valid section → parsed', config: { extra: { enabled: false } }, expect: { enabled: false } },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(configSection(section, c.config), c.expect));
  }

  it('an invalid section throws a ConfigError naming the key path', () => {
    assert.throws(
      () => configSection(section, { extra: { port: 'x' } }),
      (e: unknown) => e instanceof ConfigError && e.location.keyPath === 'extra.port' && /^extra\.port: /.test(e.message),
    );
  });

  it('definePlugin infers the plugin’s section type', () => {
    // Compile-time check: ClawportPlugin<{ enabled?: boolean; port?: number }>, not ClawportPlugin<unknown>.
    const typed: { enabled?: boolean; port?: number } | undefined = extra.config?.schema.parse({ port: 1 });
    assert.deepEqual(typed, { port: 1 });
  });
});

describe('plugin contract: third-party claims in the footprint', () => {
  const table: Array<{ name: string; config: OpenClawConfig; plugins: ClawportPlugin[]; expect: Record<string, string> }> = [
    { name: 'relative to base: B+5', config: {}, plugins: [extra], expect: { extra: 'extra:61005' } },
    { name: 'explicit port from its section', config: { extra: { port: 61500 } }, plugins: [extra], expect: { extra: 'extra:61500' } },
    { name: 'disabled: claims nothing', config: { extra: { enabled: false } }, plugins: [extra], expect: {} },
    {
      name: 'relative to another plugin’s claim',
      config: {},
      plugins: [plugin('peer', () => [{ id: 'peer', role: 'peer', from: 'browser.control', offset: 1, length: 3, bind: 'gateway' }])],
      expect: { peer: 'peer:61003-61005' },
    },
  ];
  for (const c of table) {
    it(c.name, () => {
      const { footprint, errors } = resolveFootprint('main', 61000, c.config, [...builtins, ...c.plugins]);
      assert.deepEqual(errors, []);
      const third = footprint.claims.filter((x) => !['core', 'browser', 'canvas'].includes(x.owner));
      const got = Object.fromEntries(third.map((x) => [x.id, `${x.owner}:${x.start}${x.end === x.start ? '' : `-${x.end}`}`]));
      assert.deepEqual(got, c.expect);
      // Built-ins are untouched by a third party.
      assert.deepEqual(
        footprint.claims.filter((x) => x.owner !== 'core' && builtins.some((b) => b.id === x.owner)).map((x) => x.id).sort(),
        ['browser.cdp', 'browser.control', 'canvas'],
      );
    });
  }

  // Every message names the plugin; the exact class may be PluginError or (range) PortRangeError.
  const bad: Array<{ name: string; plugin: ClawportPlugin; message: RegExp }> = [
    { name: 'below 1024', plugin: plugin('low', () => [{ id: 'low', role: 'low', port: 80, bind: 'loopback' }]), message: /low 80 .*outside 1024–65535/ },
    { name: 'past 65535', plugin: plugin('high', () => [{ id: 'high', role: 'high', from: 'base', offset: 5000, bind: 'loopback' }]), message: /high 66000 .*outside 1024–65535/ },
    { name: 'claims() throws', plugin: plugin('boom', () => { throw new Error('kaput'); }), message: /claims\(\) threw: kaput/ },
    {
      name: 'enabled() throws',
      plugin: { ...plugin('moody', () => [{ id: 'moody', role: 'moody', port: 61900, bind: 'loopback' }]), enabled: () => { throw new Error('no mood'); } },
      message: /enabled\(\) threw: no mood/,
    },
    { name: 'duplicate id', plugin: plugin('dup', () => [{ id: 'canvas', role: 'dup', port: 61900, bind: 'loopback' }]), message: /claim id canvas is declared twice/ },
    { name: 'unknown anchor', plugin: plugin('lost', () => [{ id: 'lost', role: 'lost', from: 'nowhere', offset: 1, bind: 'loopback' }]), message: /claim lost is relative to unknown claim nowhere/ },
  ];
  for (const c of bad) {
    it(`a bad claim (${c.name}) is reported naming the plugin and only that plugin’s claims are dropped`, () => {
      const { footprint, errors } = resolveFootprint('main', 61000, {}, [...builtins, c.plugin, extra]);
      assert.equal(errors.length, 1, errors.map((e) => e.message).join('; '));
      assert.ok(errors[0] instanceof ClawportError);
      assert.match(errors[0].message, new RegExp(`\\bplugin ${c.plugin.id}\\b`));
      assert.match(errors[0].message, c.message);
      if (errors[0] instanceof PluginError) assert.equal(errors[0].pluginId, c.plugin.id);
      assert.ok(!footprint.claims.some((x) => x.owner === c.plugin.id));
      const kept = footprint.claims.map((x) => x.id).sort();
      assert.deepEqual(kept, ['browser.cdp', 'browser.control', 'canvas', 'extra', 'gateway']);
    });
  }
});

describe('plugin contract: config sections in the schema', () => {
  it('the merged schema validates the plugin section and keeps the others', () => {
    const schema = mergedConfigSchema([extra]);
    assert.equal(schema.safeParse({ extra: { port: 61005 }, gateway: { port: 61000 } }).success, true);
    const bad = schema.safeParse({ extra: { port: 'x' } });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues[0].path, ['extra', 'port']);
  });

  it('the editor’s JSON schema describes the plugin section', () => {
    const json = configJsonSchema([extra]) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(json.properties.extra.properties ?? {}).sort(), ['enabled', 'port']);
    assert.equal((configJsonSchema() as { properties: Record<string, unknown> }).properties.extra, undefined);
  });
});
