import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { connectHost } from '../src/address/loopback.js';
import { DEFAULT_BASE_PORT, DEV_BASE_PORT, configuredBase, defaultBasePort, instanceSelection, resolveInstance, resolveInstancePaths, withRuntimePort } from '../src/instance.js';

// One definition per rule (issue 13 item 2): the default base, runtime over config, where a wildcard bind is reached.
describe('rules defined once', () => {
  const paths = (profile: string) => resolveInstancePaths({ profile }, { OPENCLAW_HOME: '/h' }, '/h');

  it('default base: dev 19001, every other profile 18789 (resolveInstance uses the same rule)', () => {
    assert.deepEqual([defaultBasePort('dev'), defaultBasePort('main'), defaultBasePort('default')], [DEV_BASE_PORT, DEFAULT_BASE_PORT, DEFAULT_BASE_PORT]);
    assert.equal(resolveInstance(paths('dev'), {}, {}).port, defaultBasePort('dev'));
    // What a config file asks for (config set/validate judge the file): its gateway.port, else that default.
    assert.deepEqual([configuredBase('dev', {}), configuredBase('main', {}), configuredBase('dev', { gateway: { port: 20000 } })], [DEV_BASE_PORT, DEFAULT_BASE_PORT, 20000]);
  });

  it('runtime over config: a running gateway says where it runs; only an explicit --port beats it', () => {
    const configured = resolveInstance(paths('main'), { gateway: { port: 20000 } }, {});
    assert.deepEqual([withRuntimePort(configured, { base: 21000 }).port, withRuntimePort(configured, { base: 21000 }).sources.port], [21000, 'runtime']);
    assert.equal(withRuntimePort(configured, undefined), configured);
    const flagged = resolveInstance(paths('main'), { gateway: { port: 20000 } }, {}, 22000);
    assert.equal(withRuntimePort(flagged, { base: 21000 }).port, 22000);
  });

  it('a wildcard bind is reached on loopback; any other address as it is', () => {
    assert.deepEqual(['0.0.0.0', '::', '0:0:0:0:0:0:0:0', '127.0.0.1', '192.168.1.5'].map(connectHost), ['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '192.168.1.5']);
  });

  it('selecting one instance for a launched command (CLI up and the editor alike): flag, nothing, or the path env; inherited selectors unset', () => {
    const unset = { OPENCLAW_PROFILE: undefined, OPENCLAW_STATE_DIR: undefined, OPENCLAW_CONFIG_PATH: undefined, OPENCLAW_GATEWAY_PORT: undefined };
    assert.deepEqual(instanceSelection({ profile: 'rescue' }), { args: ['--profile', 'rescue'], env: unset });
    assert.deepEqual(instanceSelection({ profile: 'default' }), { args: [], env: unset });
    assert.deepEqual(instanceSelection({ profile: 'default', custom: true, stateDir: '/s', configPath: '/c.json' }), {
      args: [],
      env: { ...unset, OPENCLAW_STATE_DIR: '/s', OPENCLAW_CONFIG_PATH: '/c.json' },
    });
  });

  // The rules above are the only definitions: a second one written by hand elsewhere drifts (issue 13).
  it('nothing outside core re-derives them: no dev/default base, runtime-or-config port, loopback test, wire exit code or error hierarchy by hand', () => {
    const rules: Array<[string, RegExp]> = [
      ['the default base (use defaultBasePort / configuredBase)', /=== 'dev' \? |\bDEV_BASE_PORT\b/],
      ['runtime over config (use withRuntimePort)', /runtime\??\.base \?\?/],
      ['the loopback test (use isLoopbackHost / isLoopbackAddress)', /startsWith\('127\.'\)|=== '::1'|=== 'localhost'/],
      ['exit codes of wire codes (use exitCodeOfWireCode or the error class)', /code === '(USAGE|CONFIG_INVALID)'/],
      ['an exported error class outside the one hierarchy (extend ClawportError or a subclass)', /export class \w+ extends (Error|TypeError|RangeError)\b/],
    ];
    const root = new URL('../../../', import.meta.url).pathname;
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        if (['node_modules', 'dist', 'out', 'test', '.vscode-test'].includes(name)) continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
          const text = readFileSync(path, 'utf8');
          for (const [rule, re] of rules) if (re.test(text)) found.push(`${relative(root, path)}: ${rule}`);
        }
      }
    };
    for (const top of ['packages', 'apps']) for (const project of readdirSync(join(root, top))) walk(join(root, top, project, 'src'));
    const home = ['packages/core/src/instance.ts', 'packages/core/src/address/loopback.ts', 'packages/core/src/errors.ts'];
    assert.deepEqual(found.filter((f) => !home.some((h) => f.startsWith(`${h}:`))), []);
  });
});
