import assert from 'node:assert/strict';
import { PortRangeError, ProfileError, UsageError } from '../src/errors.js';
import { DEFAULT_BASE_PORT, DEV_BASE_PORT, type Env } from '../src/instance.js';
import type { OpenClawConfig } from '../src/config/schema.js';
import { throwsLine } from './helpers/expect-error.js';
import { resolve } from './helpers/resolve-instance.js';

// Which value wins when flags, inherited environment and config disagree (docs/explanation/isolation.md).
describe('instance: base port precedence --port > OPENCLAW_GATEWAY_PORT > gateway.port > default', () => {
  const cfg: OpenClawConfig = { gateway: { port: 20000 } };
  const table: Array<[string, string[], Env, OpenClawConfig | undefined, string | undefined, number, string]> = [
    ['default', [], {}, undefined, undefined, DEFAULT_BASE_PORT, 'default'],
    ['--dev default is 19001', ['--dev'], {}, undefined, undefined, DEV_BASE_PORT, 'default'],
    ['config beats default', [], {}, cfg, undefined, 20000, 'config'],
    ['config beats the dev default', ['--dev'], {}, cfg, undefined, 20000, 'config'],
    ['env beats config', [], { OPENCLAW_GATEWAY_PORT: '21000' }, cfg, undefined, 21000, 'env'],
    ['env with spaces', [], { OPENCLAW_GATEWAY_PORT: ' 21000 ' }, cfg, undefined, 21000, 'env'],
    ['empty env is unset', [], { OPENCLAW_GATEWAY_PORT: '' }, cfg, undefined, 20000, 'config'],
    ['flag beats env and config', [], { OPENCLAW_GATEWAY_PORT: '21000' }, cfg, '22000', 22000, 'flag'],
    ['flag with --dev', ['--dev'], {}, undefined, '19500', 19500, 'flag'],
  ];
  for (const [name, argv, env, config, flag, port, source] of table) {
    it(name, () => {
      const r = resolve(argv, env, config, flag);
      assert.equal(r.port, port);
      assert.equal(r.sources.port, source);
    });
  }

  const bad: Array<[string, Env, string | undefined, string]> = [
    ['--port abc', {}, 'abc', '--port: "abc" is not a port (use an integer 1024–65535)'],
    ['--port 80', {}, '80', '--port: port 80 is outside 1024–65535 (choose another port)'],
    ['--port 70000', {}, '70000', '--port: port 70000 is outside 1024–65535 (choose another port)'],
    ['--port -1', {}, '-1', '--port: "-1" is not a port (use an integer 1024–65535)'],
    ['--port 1.5', {}, '1.5', '--port: "1.5" is not a port (use an integer 1024–65535)'],
    ['OPENCLAW_GATEWAY_PORT=x', { OPENCLAW_GATEWAY_PORT: 'x' }, undefined, 'OPENCLAW_GATEWAY_PORT: "x" is not a port (use an integer 1024–65535)'],
  ];
  for (const [name, env, flag, line] of bad) {
    it(`refuses ${name}`, () => throwsLine(() => resolve([], env, undefined, flag), PortRangeError, line));
  }
});

describe('instance: a flag beats inherited environment, with one warning line each', () => {
  it('--profile ignores an inherited OPENCLAW_STATE_DIR, CONFIG_PATH and PROFILE that point elsewhere', () => {
    const r = resolve(['--profile', 'rescue'], {
      OPENCLAW_PROFILE: 'main',
      OPENCLAW_STATE_DIR: '/home/u/.openclaw-main',
      OPENCLAW_CONFIG_PATH: '~/.openclaw/main.json',
    });
    assert.equal(r.stateDir, '/home/u/.openclaw-rescue');
    assert.equal(r.configPath, '/home/u/.openclaw-rescue/openclaw.json');
    assert.deepEqual(r.warnings, [
      'ignoring inherited OPENCLAW_PROFILE=main: --profile rescue uses rescue',
      'ignoring inherited OPENCLAW_STATE_DIR=/home/u/.openclaw-main: --profile rescue uses /home/u/.openclaw-rescue',
      'ignoring inherited OPENCLAW_CONFIG_PATH=/home/u/.openclaw/main.json: --profile rescue uses /home/u/.openclaw-rescue/openclaw.json',
    ]);
  });

  it('--profile ignores an inherited OPENCLAW_GATEWAY_PORT that disagrees', () => {
    const r = resolve(['--profile', 'rescue'], { OPENCLAW_GATEWAY_PORT: '18789' }, { gateway: { port: 19789 } });
    assert.equal(r.port, 19789);
    assert.equal(r.sources.port, 'config');
    assert.deepEqual(r.warnings, ['ignoring inherited OPENCLAW_GATEWAY_PORT=18789: --profile rescue uses port 19789']);
  });

  it('values that agree with the profile (as a service unit sets them) are used silently', () => {
    const r = resolve(['--profile', 'rescue'], {
      OPENCLAW_PROFILE: 'rescue',
      OPENCLAW_STATE_DIR: '~/.openclaw-rescue',
      OPENCLAW_CONFIG_PATH: '/home/u/.openclaw-rescue/openclaw.json',
      OPENCLAW_GATEWAY_PORT: '19789',
    }, { gateway: { port: 19789 } });
    assert.deepEqual(r.warnings, []);
    assert.equal(r.port, 19789);
  });

  it('--port with --profile: no warning about the env port, the flag wins', () => {
    const r = resolve(['--profile', 'rescue'], { OPENCLAW_GATEWAY_PORT: '18789' }, undefined, '19001');
    assert.equal(r.port, 19001);
    assert.deepEqual(r.warnings, []);
  });

  it('without --profile the environment is used, no warnings', () => {
    const r = resolve([], { OPENCLAW_STATE_DIR: '/srv/a', OPENCLAW_GATEWAY_PORT: '21000' });
    assert.equal(r.stateDir, '/srv/a');
    assert.equal(r.port, 21000);
    assert.deepEqual(r.warnings, []);
  });
});

describe('instance: bad environment is refused with one line', () => {
  const bad: Array<[string, Env, typeof UsageError, string]> = [
    ['OPENCLAW_PROFILE=../x', { OPENCLAW_PROFILE: '../x' }, ProfileError, 'OPENCLAW_PROFILE: invalid profile name "../x" (use letters, digits, _ and -, starting with a letter or digit)'],
    ['relative OPENCLAW_STATE_DIR', { OPENCLAW_STATE_DIR: 'rel/state' }, UsageError, 'OPENCLAW_STATE_DIR=rel/state is not an absolute path (use an absolute path or ~/…)'],
    ['relative OPENCLAW_CONFIG_PATH', { OPENCLAW_CONFIG_PATH: 'c.json' }, UsageError, 'OPENCLAW_CONFIG_PATH=c.json is not an absolute path (use an absolute path or ~/…)'],
  ];
  for (const [name, env, type, line] of bad) it(name, () => throwsLine(() => resolve([], env), type, line));
});
