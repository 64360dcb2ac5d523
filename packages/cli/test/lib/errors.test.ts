import assert from 'node:assert/strict';
import { ConfigError, PortConflictError, ProfileError, StateDirLockedError } from '@clawport/core';
import { describeError, oneLine } from '../../src/lib/errors.js';

describe('lib/errors: every error becomes one line and an exit code', () => {
  const cases: Array<[string, unknown, string | undefined, number]> = [
    ['usage (profile)', new ProfileError('--profile: invalid profile name "a/b"', 'use letters'), 'error: --profile: invalid profile name "a/b" (use letters)', 2],
    ['config', new ConfigError('/x.json:3: gateway.port: bad', 'fix it'), 'error: /x.json:3: gateway.port: bad (fix it)', 78],
    ['conflict', new PortConflictError('rescue gateway 18809 overlaps main CDP band 18800–18899', undefined, 18809, 'gateway', 'main'), 'error: rescue gateway 18809 overlaps main CDP band 18800–18899', 1],
    ['locked', new StateDirLockedError('/s', 42, 'main', 18789), 'error: state dir /s is in use by gateway pid 42 (profile main, port 18789) (stop it first: clawport --profile main gateway stop, or kill 42)', 1],
    ['oclif parse error', Object.assign(new Error('Nonexistent flag: --x\nSee more help with --help'), { oclif: { exit: 2 } }), 'error: Nonexistent flag: --x (See more help with --help)', 2],
    ['this.exit(3)', Object.assign(new Error('EEXIT: 3'), { code: 'EEXIT', oclif: { exit: 3 } }), undefined, 3],
    ['a bug', new TypeError('x is undefined'), 'error: x is undefined', 1],
    ['a thrown string', 'boom', 'error: boom', 1],
  ];
  for (const [name, err, line, code] of cases) {
    it(name, () => {
      const d = describeError(err);
      assert.deepEqual([d.line, d.exitCode], [line, code]);
      assert.ok(d.line === undefined || !d.line.includes('\n'));
    });
  }

  it('the JSON shape carries code, message, suggestion and exit code', () => {
    assert.deepEqual(describeError(new ConfigError('bad', 'fix')).json, { code: 'CONFIG_INVALID', message: 'bad', suggestion: 'fix', exitCode: 78 });
  });

  it('oneLine joins continuation lines in parentheses', () => {
    assert.equal(oneLine('a\n\n  b\nc'), 'a (b; c)');
    assert.equal(oneLine('single'), 'single');
  });
});
