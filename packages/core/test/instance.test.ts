import assert from 'node:assert/strict';
import { PortRangeError, ProfileError, UsageError } from '../src/errors.js';
import {
  DEFAULT_BASE_PORT,
  DEV_BASE_PORT,
  expandHome,
  nameFromStateDir,
  resolveInstance,
  resolveInstancePaths,
  type Env,
} from '../src/instance.js';
import { liftGlobalFlags } from '../src/argv.js';
import type { OpenClawConfig } from '../src/config/schema.js';
import { throwsLine } from './helpers/expect-error.js';

const HOME = '/home/u';

/** argv + env + config → the resolved instance, the way the CLI does it. */
function resolve(argv: string[], env: Env = {}, config?: OpenClawConfig, portFlag?: string) {
  const flags = liftGlobalFlags(argv);
  return resolveInstance(resolveInstancePaths(flags, env, HOME), config, env, portFlag);
}

describe('instance: the SPEC §2 isolation table', () => {
  const table: Array<{ name: string; argv: string[]; env?: Env; state: string; config: string; workspace: string; port: number }> = [
    {
      name: 'default (no profile)',
      argv: [],
      state: '/home/u/.openclaw',
      config: '/home/u/.openclaw/openclaw.json',
      workspace: '/home/u/.openclaw/workspace',
      port: 18789,
    },
    {
      name: '--profile rescue',
      argv: ['--profile', 'rescue'],
      state: '/home/u/.openclaw-rescue',
      config: '/home/u/.openclaw-rescue/openclaw.json',
      workspace: '/home/u/.openclaw/workspace-rescue',
      port: 18789,
    },
    {
      name: '--dev',
      argv: ['--dev'],
      state: '/home/u/.openclaw-dev',
      config: '/home/u/.openclaw-dev/openclaw.json',
      workspace: '/home/u/.openclaw/workspace-dev',
      port: 19001,
    },
    {
      name: '--profile default is the unnamed instance',
      argv: ['--profile', 'DEFAULT'],
      state: '/home/u/.openclaw',
      config: '/home/u/.openclaw/openclaw.json',
      workspace: '/home/u/.openclaw/workspace',
      port: 18789,
    },
    {
      name: 'OPENCLAW_HOME moves every ~ path',
      argv: [],
      env: { OPENCLAW_HOME: '/tmp/h' },
      state: '/tmp/h/.openclaw',
      config: '/tmp/h/.openclaw/openclaw.json',
      workspace: '/tmp/h/.openclaw/workspace',
      port: 18789,
    },
    {
      name: 'OPENCLAW_HOME with --profile',
      argv: ['--profile', 'rescue'],
      env: { OPENCLAW_HOME: '/tmp/h' },
      state: '/tmp/h/.openclaw-rescue',
      config: '/tmp/h/.openclaw-rescue/openclaw.json',
      workspace: '/tmp/h/.openclaw/workspace-rescue',
      port: 18789,
    },
    {
      name: 'OPENCLAW_HOME=~/alt is relative to the OS home',
      argv: [],
      env: { OPENCLAW_HOME: '~/alt' },
      state: '/home/u/alt/.openclaw',
      config: '/home/u/alt/.openclaw/openclaw.json',
      workspace: '/home/u/alt/.openclaw/workspace',
      port: 18789,
    },
    {
      name: 'OPENCLAW_PROFILE selects a profile',
      argv: [],
      env: { OPENCLAW_PROFILE: 'rescue' },
      state: '/home/u/.openclaw-rescue',
      config: '/home/u/.openclaw-rescue/openclaw.json',
      workspace: '/home/u/.openclaw/workspace-rescue',
      port: 18789,
    },
    {
      name: 'OPENCLAW_STATE_DIR overrides the state dir, config follows it',
      argv: [],
      env: { OPENCLAW_STATE_DIR: '/srv/bots/alpha' },
      state: '/srv/bots/alpha',
      config: '/srv/bots/alpha/openclaw.json',
      workspace: '/home/u/.openclaw/workspace-alpha',
      port: 18789,
    },
    {
      name: 'the seed’s manual form',
      argv: [],
      env: { OPENCLAW_CONFIG_PATH: '~/.openclaw/main.json', OPENCLAW_STATE_DIR: '~/.openclaw-main' },
      state: '/home/u/.openclaw-main',
      config: '/home/u/.openclaw/main.json',
      workspace: '/home/u/.openclaw/workspace-main',
      port: 18789,
    },
    {
      name: 'OPENCLAW_CONFIG_PATH alone',
      argv: [],
      env: { OPENCLAW_CONFIG_PATH: '/etc/openclaw/bot.json' },
      state: '/home/u/.openclaw',
      config: '/etc/openclaw/bot.json',
      workspace: '/home/u/.openclaw/workspace',
      port: 18789,
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const r = resolve(row.argv, row.env);
      assert.deepEqual(
        { state: r.stateDir, config: r.configPath, workspace: r.workspace, port: r.port, warnings: r.warnings },
        { state: row.state, config: row.config, workspace: row.workspace, port: row.port, warnings: [] },
      );
    });
  }

  it('agents.defaults.workspace overrides the workspace (with ~)', () => {
    const r = resolve(['--profile', 'rescue'], {}, { agents: { defaults: { workspace: '~/work/rescue' } } });
    assert.equal(r.workspace, '/home/u/work/rescue');
    assert.equal(r.sources.workspace, 'config');
  });
});

describe('instance: sources say where each value came from', () => {
  const table: Array<[string, () => ReturnType<typeof resolve>, Record<string, string>]> = [
    ['all defaults', () => resolve([]), { profile: 'default', stateDir: 'default', configPath: 'default', workspace: 'default', port: 'default' }],
    ['flag profile', () => resolve(['--profile', 'r']), { profile: 'flag', stateDir: 'default', configPath: 'default', workspace: 'default', port: 'default' }],
    ['env profile and paths', () => resolve([], { OPENCLAW_PROFILE: 'r', OPENCLAW_STATE_DIR: '/s', OPENCLAW_CONFIG_PATH: '/c.json' }), { profile: 'env', stateDir: 'env', configPath: 'env', workspace: 'default', port: 'default' }],
    ['config port', () => resolve([], {}, { gateway: { port: 20000 } }), { profile: 'default', stateDir: 'default', configPath: 'default', workspace: 'default', port: 'config' }],
  ];
  for (const [name, run, sources] of table) it(name, () => assert.deepEqual(run().sources, sources));

  it('custom is true only for paths that differ from the profile’s defaults', () => {
    assert.equal(resolve([]).custom, false);
    assert.equal(resolve([], { OPENCLAW_STATE_DIR: '~/.openclaw' }).custom, false);
    assert.equal(resolve([], { OPENCLAW_STATE_DIR: '/srv/x' }).custom, true);
    assert.equal(resolve([], { OPENCLAW_STATE_DIR: '/srv/x' }).name, 'x');
    assert.equal(resolve(['--profile', 'r']).custom, false);
  });

  it('trailing slashes do not make a path custom or different', () => {
    const r = resolve([], { OPENCLAW_STATE_DIR: '~/.openclaw/' });
    assert.deepEqual([r.stateDir, r.custom, r.name], ['/home/u/.openclaw', false, 'default']);
    assert.deepEqual(resolve(['--profile', 'rescue'], { OPENCLAW_STATE_DIR: '/home/u/.openclaw-rescue//' }).warnings, []);
    assert.equal(resolve([], { OPENCLAW_STATE_DIR: '/srv/x/' }).configPath, '/srv/x/openclaw.json');
  });
});

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

describe('instance: path helpers', () => {
  const expand: Array<[string, string]> = [
    ['~', '/home/u'],
    ['~/x', '/home/u/x'],
    ['~//x', '/home/u/x'],
    ['/abs', '/abs'],
    ['~user/x', '~user/x'],
  ];
  for (const [input, out] of expand) it(`expandHome(${input}) → ${out}`, () => assert.equal(expandHome(input, HOME), out));

  const names: Array<[string, string]> = [
    ['/home/u/.openclaw', 'default'],
    ['/home/u/.openclaw/', 'default'],
    ['/home/u/.openclaw-main', 'main'],
    ['/srv/bots/alpha', 'alpha'],
    ['/srv/bots/.hidden', 'hidden'],
    ['/srv/bots/has space', 'custom'],
  ];
  for (const [dir, name] of names) it(`nameFromStateDir(${dir}) → ${name}`, () => assert.equal(nameFromStateDir(dir, HOME), name));
});
