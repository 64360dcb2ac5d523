import assert from 'node:assert/strict';
import { ConfigError, PortConflictError, ProfileError, StateDirLockedError } from '@clawport/core';
import { describeError, oneLine, wantsJson } from '../../../src/lib/shared/errors.js';
import { makeHome, removeHome, runCli } from '../../helpers/cli.js';

describe('lib/errors: every error becomes one line and an exit code', () => {
  const cases: Array<[string, unknown, string | undefined, number]> = [
    ['usage (profile)', new ProfileError('--profile: invalid profile name "a/b"', 'use letters'), 'error: --profile: invalid profile name "a/b" (use letters)', 2],
    ['config', new ConfigError('/x.json:3: gateway.port: bad', 'fix it'), 'error: /x.json:3: gateway.port: bad (fix it)', 78],
    ['conflict', new PortConflictError('rescue gateway 18809 overlaps main CDP band 18800–18899', undefined, 18809, 'gateway', 'main'), 'error: rescue gateway 18809 overlaps main CDP band 18800–18899', 1],
    ['locked', new StateDirLockedError('/s', 42, 'main', 18789), 'error: state dir /s is in use by gateway pid 42 (profile main, port 18789) (stop it first: clawport --profile main gateway stop, or kill 42)', 1],
    ['oclif parse error', Object.assign(new Error('Nonexistent flag: --x\nSee more help with --help'), { oclif: { exit: 2 } }), 'error: Nonexistent flag: --x (See more help with --help)', 2],
    [
      'oclif missing args: the names only, not their descriptions',
      Object.assign(new Error('Missing 1 required arg:\nvalue  Value; parsed as JSON5 when it parses (18789, true, {a:1}), else a string\nSee more help with --help'), { oclif: { exit: 2 } }),
      'error: Missing 1 required arg: value (see --help)',
      2,
    ],
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

  it('wantsJson: --json before -- only', () => {
    assert.equal(wantsJson(['status', '--json']), true);
    assert.equal(wantsJson(['status', '--', '--json']), false);
  });
});

describe('the real bin: --json holds for errors raised before oclif parses, and for missing args', function () {
  this.timeout(60_000);
  let home: string;
  before(async () => (home = await makeHome()));
  after(() => removeHome(home));

  it('a bad --profile with --json: the error as JSON on stdout, one line on stderr, exit 2', async () => {
    const r = await runCli(['--profile', 'bad/x', 'status', '--json'], home);
    assert.equal(r.code, 2);
    assert.deepEqual((JSON.parse(r.stdout) as { error: { code: string; exitCode: number } }).error.code, 'PROFILE_INVALID');
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  });

  it('oclif "Missing N required args" comes out as one clean line', async () => {
    const r = await runCli(['config', 'set', 'gateway.port'], home);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'error: Missing 1 required arg: value (see --help)\n');
  });
});
