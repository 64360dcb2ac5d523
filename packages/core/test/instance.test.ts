import assert from 'node:assert/strict';
import { expandHome, nameFromStateDir, type Env } from '../src/instance.js';
import { HOME, resolve } from './helpers/resolve-instance.js';

describe('instance: the isolation table (docs/explanation/isolation.md)', () => {
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
