import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { failed, formatChildLine, gatewayChildPlan, type Member } from '../../../../src/lib/up/group.js';

describe('lib/group (clawport up)', () => {
  it('the child plan passes the profile as a flag and drops inherited instance variables', () => {
    const plan = gatewayChildPlan('/bin/run.js', 'rescue', { PATH: '/usr/bin', OPENCLAW_HOME: '/h', OPENCLAW_STATE_DIR: '/x', OPENCLAW_PROFILE: 'main', OPENCLAW_GATEWAY_PORT: '1', OPENCLAW_CONFIG_PATH: '/c' });
    assert.deepEqual(plan.args, ['/bin/run.js', '--profile', 'rescue', 'gateway']);
    assert.deepEqual(plan.env, { PATH: '/usr/bin', OPENCLAW_HOME: '/h' });
    assert.equal(plan.command, process.execPath);
    // the same selection rule as the editor's launches (core instanceSelection): the default profile takes no flag
    assert.deepEqual(gatewayChildPlan('/bin/run.js', 'default', {}).args, ['/bin/run.js', 'gateway']);
  });

  const lines: Array<[string, boolean, string | undefined]> = [
    ['plain text', false, 'plain text'],
    ['{"ts":"t","level":"info","msg":"gateway ready","instance":"m","url":"ws://x"}', false, undefined],
    ['{"ts":"t","level":"info","msg":"gateway ready","instance":"m","url":"ws://x"}', true, 'info gateway ready url=ws://x'],
    ['{"ts":"t","level":"warn","msg":"slow","ports":[1,2]}', false, 'warn slow ports=[1,2]'],
    ['{not json', false, '{not json'],
  ];
  for (const [line, all, shown] of lines) it(`log line ${line.slice(0, 30)} (all=${all})`, () => assert.equal(formatChildLine(line, all), shown));

  const member = (exit: Member['exit'], stopping: boolean): Member => ({ name: 'm', child: {} as ChildProcess, exit, stopping });
  const outcomes: Array<[string, Member, boolean]> = [
    ['still running', member(undefined, false), false],
    ['exit 0 after our stop', member({ code: 0, signal: null }, true), false],
    ['exit 0 on its own (clawport down)', member({ code: 0, signal: null }, false), false],
    ['exit 1 at start', member({ code: 1, signal: null }, false), true],
    ['exit 1 while stopping', member({ code: 1, signal: null }, true), true],
    ['killed by a signal we did not send', member({ code: null, signal: 'SIGKILL' }, false), true],
    ['killed by our grace-period SIGKILL', member({ code: null, signal: 'SIGKILL' }, true), false],
  ];
  for (const [name, m, f] of outcomes) it(`failed(): ${name} → ${f}`, () => assert.equal(failed(m), f));
});
