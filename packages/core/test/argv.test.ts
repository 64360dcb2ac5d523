import assert from 'node:assert/strict';
import { ProfileError, UsageError } from '../src/errors.js';
import { liftGlobalFlags, type GlobalFlags } from '../src/argv.js';
import { throwsLine } from './helpers/expect-error.js';

describe('argv: liftGlobalFlags', () => {
  const lifted: Array<[string, string[], GlobalFlags]> = [
    ['no flags', ['status'], { profile: undefined, dev: false, rest: ['status'] }],
    ['empty argv', [], { profile: undefined, dev: false, rest: [] }],
    [
      '--profile before the topic',
      ['--profile', 'rescue', 'gateway', '--port', '19001'],
      { profile: 'rescue', dev: false, rest: ['gateway', '--port', '19001'] },
    ],
    [
      '--profile after the command',
      ['gateway', '--port', '19001', '--profile', 'rescue'],
      { profile: 'rescue', dev: false, rest: ['gateway', '--port', '19001'] },
    ],
    [
      '--profile between topic and command',
      ['gateway', '--profile', 'rescue', 'status', '--json'],
      { profile: 'rescue', dev: false, rest: ['gateway', 'status', '--json'] },
    ],
    ['--profile=x', ['--profile=rescue', 'status'], { profile: 'rescue', dev: false, rest: ['status'] }],
    ['--profile=x at the end', ['status', '--profile=rescue'], { profile: 'rescue', dev: false, rest: ['status'] }],
    ['--profile Default is the default profile', ['--profile', 'Default', 'status'], { profile: 'default', dev: false, rest: ['status'] }],
    ['--profile=DEFAULT', ['--profile=DEFAULT'], { profile: 'default', dev: false, rest: [] }],
    ['--dev', ['--dev', 'gateway'], { profile: 'dev', dev: true, rest: ['gateway'] }],
    ['--dev after the command', ['gateway', 'status', '--dev'], { profile: 'dev', dev: true, rest: ['gateway', 'status'] }],
    ['--dev twice', ['--dev', 'status', '--dev'], { profile: 'dev', dev: true, rest: ['status'] }],
    [
      'the same --profile twice is fine',
      ['--profile', 'a', 'status', '--profile=a'],
      { profile: 'a', dev: false, rest: ['status'] },
    ],
    [
      'after -- untouched',
      ['exec', '--', '--profile', 'x', '--dev', '--profile=../y'],
      { profile: undefined, dev: false, rest: ['exec', '--', '--profile', 'x', '--dev', '--profile=../y'] },
    ],
    [
      'flag before --, same flag after -- untouched',
      ['--profile', 'rescue', 'exec', '--', '--profile', 'main'],
      { profile: 'rescue', dev: false, rest: ['exec', '--', '--profile', 'main'] },
    ],
    [
      'other flags and values pass through in order',
      ['config', 'set', 'gateway.port', '19001', '--json', '-v'],
      { profile: undefined, dev: false, rest: ['config', 'set', 'gateway.port', '19001', '--json', '-v'] },
    ],
    ['look-alike flags are not lifted', ['--profiles', '--devtools', '--profile-x=1'], { profile: undefined, dev: false, rest: ['--profiles', '--devtools', '--profile-x=1'] }],
  ];
  for (const [name, argv, expected] of lifted) {
    it(name, () => assert.deepEqual(liftGlobalFlags(argv), expected));
  }

  it('does not modify its input', () => {
    const argv = ['--profile', 'rescue', 'status'];
    liftGlobalFlags(argv);
    assert.deepEqual(argv, ['--profile', 'rescue', 'status']);
  });

  const refused: Array<[string, string[], typeof UsageError, string]> = [
    ['--dev with --profile', ['--dev', '--profile', 'x', 'status'], UsageError, '--dev and --profile cannot be used together (--dev means --profile dev)'],
    ['--profile with --dev after it', ['--profile=x', 'status', '--dev'], UsageError, '--dev and --profile cannot be used together (--dev means --profile dev)'],
    ['--dev with --profile dev', ['--dev', '--profile', 'dev'], UsageError, '--dev and --profile cannot be used together (--dev means --profile dev)'],
    ['missing value at the end', ['status', '--profile'], UsageError, '--profile expects a value (for example: clawport --profile rescue status)'],
    ['a flag where the value should be', ['--profile', '--json', 'status'], UsageError, '--profile expects a value (for example: clawport --profile rescue status)'],
    ['-- where the value should be', ['--profile', '--', 'x'], UsageError, '--profile expects a value (for example: clawport --profile rescue status)'],
    ['--profile= with nothing', ['--profile=', 'status'], ProfileError, '--profile: profile name is empty (use 1–64 characters from A–Z a–z 0–9 _ -)'],
    ['a path as the value', ['--profile', '../x'], ProfileError, '--profile: invalid profile name "../x" (use letters, digits, _ and -, starting with a letter or digit)'],
    ['a bare - as the value', ['--profile', '-'], ProfileError, '--profile: invalid profile name "-" (use letters, digits, _ and -, starting with a letter or digit)'],
    ['two different profiles', ['--profile', 'a', 'status', '--profile', 'b'], UsageError, '--profile given twice with different values (a, b) (pass --profile once)'],
  ];
  for (const [name, argv, type, line] of refused) {
    it(`refuses: ${name}`, () => {
      const err = throwsLine(() => liftGlobalFlags(argv), type, line);
      assert.equal(err.exitCode, 2);
    });
  }
});
