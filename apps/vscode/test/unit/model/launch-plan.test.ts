import assert from 'node:assert/strict';
import { cliPlan, gatewayPlan, manualEnvCommand, planToShell, servicePlan, shellQuote } from '../../../src/model/launch-plan.js';

const CLEAR = { OPENCLAW_PROFILE: undefined, OPENCLAW_STATE_DIR: undefined, OPENCLAW_CONFIG_PATH: undefined, OPENCLAW_GATEWAY_PORT: undefined };
const where = { node: '/usr/bin/node', cli: '/repo/packages/cli/bin/run.js' };

describe('model/launch-plan', () => {
  const cases = [
    {
      title: 'named profile: --profile, inherited selectors removed',
      t: { profile: 'rescue', custom: false, stateDir: '/h/.openclaw-rescue', configPath: '/h/.openclaw-rescue/openclaw.json' },
      args: [where.cli, '--profile', 'rescue', 'gateway'],
      env: CLEAR,
    },
    {
      title: 'default profile: no flag',
      t: { profile: 'default', custom: false, stateDir: '/h/.openclaw', configPath: '/h/.openclaw/openclaw.json' },
      args: [where.cli, 'gateway'],
      env: CLEAR,
    },
    {
      title: 'custom paths: the manual env form',
      t: { profile: 'default', custom: true, stateDir: '/srv/bot', configPath: '/srv/bot.json' },
      args: [where.cli, 'gateway'],
      env: { ...CLEAR, OPENCLAW_STATE_DIR: '/srv/bot', OPENCLAW_CONFIG_PATH: '/srv/bot.json' },
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const plan = gatewayPlan(c.t, where);
      assert.equal(plan.command, '/usr/bin/node');
      assert.deepEqual(plan.args, c.args);
      assert.deepEqual(plan.env, c.env);
    });
  }

  it('without a CLI path, runs clawport from PATH', () => {
    const plan = cliPlan({ profile: 'main', custom: false, stateDir: '/s', configPath: '/s/c' }, { node: 'node' }, ['health']);
    assert.deepEqual([plan.command, ...plan.args], ['clawport', '--profile', 'main', 'health']);
  });

  it('service plans call gateway start|stop|restart', () => {
    for (const action of ['start', 'stop', 'restart'] as const) {
      assert.deepEqual(servicePlan({ profile: 'main', custom: false, stateDir: '/s', configPath: '/s/c' }, where, action).args.slice(-2), ['gateway', action]);
    }
  });

  const quotes: Array<[string, string]> = [
    ['plain/path-1.json', 'plain/path-1.json'],
    ['with space', "'with space'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
  ];
  for (const [raw, quoted] of quotes) it(`shellQuote(${JSON.stringify(raw)})`, () => assert.equal(shellQuote(raw), quoted));

  it('manual env command line and a plan as a shell line', () => {
    assert.equal(
      manualEnvCommand({ configPath: '/h/my dir/openclaw.json', stateDir: '/h/.openclaw-main', base: 18789 }),
      "OPENCLAW_CONFIG_PATH='/h/my dir/openclaw.json' OPENCLAW_STATE_DIR=/h/.openclaw-main clawport gateway --port 18789",
    );
    const plan = gatewayPlan({ profile: 'default', custom: true, stateDir: '/srv/b', configPath: '/srv/b.json' }, where);
    assert.equal(planToShell(plan), 'OPENCLAW_STATE_DIR=/srv/b OPENCLAW_CONFIG_PATH=/srv/b.json /usr/bin/node /repo/packages/cli/bin/run.js gateway');
  });
});
