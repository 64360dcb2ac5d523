import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson } from './helpers/cli.js';

interface StatusJson {
  name: string;
  profile: string;
  stateDir: string;
  configPath: string;
  base: number;
  sources: Record<string, string>;
}

/** Where `--profile` / `--dev` may stand, and what the inherited environment may and may not do. */
describe('argv: global flags and precedence (through the real bin)', () => {
  let home: string;
  before(async () => {
    home = await makeHome();
    const r = await runCli(['--profile', 'rescue', 'setup', '--port', '23100'], home);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => removeHome(home));

  const placements: Array<[string, string[]]> = [
    ['before the command', ['--profile', 'rescue', 'status']],
    ['after the command', ['status', '--profile', 'rescue']],
    ['= form', ['--profile=rescue', 'status']],
    ['between topic and command', ['ports', '--profile', 'rescue', 'check']],
  ];
  for (const [where, argv] of placements) {
    it(`--profile ${where}`, async () => {
      const { result, run } = await runJson<StatusJson | { ok: boolean }>(argv, home);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      if ('profile' in result) assert.deepEqual([result.profile, result.base, result.stateDir], ['rescue', 23100, join(home, '.openclaw-rescue')]);
      else assert.equal(result.ok, true);
    });
  }

  it('--profile after a literal -- is an argument, not a flag', async () => {
    const set = await runCli(['--profile', 'rescue', 'config', 'set', 'agents.defaults.note', '--', '--profile'], home);
    assert.equal(set.code, 0, set.stderr);
    const { result } = await runJson<{ value: unknown }>(['config', 'get', 'agents.defaults.note', '--profile', 'rescue'], home);
    assert.equal(result.value, '--profile');
  });

  const envCases: Array<[string, string[], Record<string, string>, Partial<StatusJson>, string]> = [
    [
      'a flag beats an inherited OPENCLAW_STATE_DIR, with one warning',
      ['--profile', 'rescue', 'status'],
      { OPENCLAW_STATE_DIR: '/srv/elsewhere' },
      { stateDir: 'HOME/.openclaw-rescue', base: 23100 },
      'warning: ignoring inherited OPENCLAW_STATE_DIR=/srv/elsewhere: --profile rescue uses HOME/.openclaw-rescue\n',
    ],
    [
      'a flag beats an inherited OPENCLAW_PROFILE, with one warning',
      ['--profile', 'rescue', 'status'],
      { OPENCLAW_PROFILE: 'main' },
      { profile: 'rescue' },
      'warning: ignoring inherited OPENCLAW_PROFILE=main: --profile rescue uses rescue\n',
    ],
    [
      'a flag beats an inherited OPENCLAW_GATEWAY_PORT, with one warning',
      ['--profile', 'rescue', 'status'],
      { OPENCLAW_GATEWAY_PORT: '23999' },
      { base: 23100 },
      'warning: ignoring inherited OPENCLAW_GATEWAY_PORT=23999: --profile rescue uses port 23100\n',
    ],
    [
      'environment that agrees with the flag (as a service unit sets it) is used silently',
      ['--profile', 'rescue', 'status'],
      { OPENCLAW_STATE_DIR: 'HOME/.openclaw-rescue', OPENCLAW_PROFILE: 'rescue' },
      { stateDir: 'HOME/.openclaw-rescue' },
      '',
    ],
    ['OPENCLAW_PROFILE alone selects the profile', ['status'], { OPENCLAW_PROFILE: 'rescue' }, { profile: 'rescue', base: 23100 }, ''],
    ['OPENCLAW_GATEWAY_PORT beats gateway.port without a flag', ['status'], { OPENCLAW_PROFILE: 'rescue', OPENCLAW_GATEWAY_PORT: '23300' }, { base: 23300 }, ''],
    ['--dev is profile dev with base 19001', ['--dev', 'status'], {}, { profile: 'dev', base: 19001 }, ''],
    ['no flag, no env: the default instance', ['status'], {}, { profile: 'default', stateDir: 'HOME/.openclaw', base: 18789 }, ''],
  ];
  for (const [name, argv, env, expected, stderr] of envCases) {
    it(name, async () => {
      const fill = (s: string) => s.replaceAll('HOME', home);
      const { result, run } = await runJson<StatusJson>(argv, home, Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)])));
      assert.equal(run.code, 0, run.stderr);
      for (const [k, v] of Object.entries(expected)) assert.equal(result[k as keyof StatusJson], typeof v === 'string' ? fill(v) : v, k);
      assert.equal(run.stderr, fill(stderr));
    });
  }

  const usageErrors: Array<[string[], string]> = [
    [['--dev', '--profile', 'x', 'status'], 'error: --dev and --profile cannot be used together (--dev means --profile dev)'],
    [['status', '--profile'], 'error: --profile expects a value (for example: clawport --profile rescue status)'],
    [['--profile', 'a', 'status', '--profile', 'b'], 'error: --profile given twice with different values (a, b) (pass --profile once)'],
    [['status', '--bogus'], 'error: Nonexistent flag: --bogus (See more help with --help)'],
    [['nope'], 'error: command nope not found'],
  ];
  for (const [argv, line] of usageErrors) {
    it(`usage error: ${argv.join(' ')}`, async () => {
      const r = await runCli(argv, home);
      assert.deepEqual([r.code, r.stderr, r.stdout], [2, `${line}\n`, '']);
    });
  }

  it('a broken OPENCLAW_PROFILE is refused with exit 2', async () => {
    const r = await runCli(['status'], home, { OPENCLAW_PROFILE: '../x' });
    assert.deepEqual([r.code, r.stderr], [2, 'error: OPENCLAW_PROFILE: invalid profile name "../x" (use letters, digits, _ and -, starting with a letter or digit)\n']);
  });

  it('--json errors are JSON on stdout and one line on stderr', async () => {
    const r = await runCli(['--profile', 'rescue', 'config', 'get', 'gateway.nothing', '--json'], home);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), {
      error: {
        code: 'CLAWPORT_ERROR',
        message: `gateway.nothing is not set in ${join(home, '.openclaw-rescue', 'openclaw.json')}`,
        suggestion: 'set it with: clawport config set gateway.nothing VALUE',
        exitCode: 1,
      },
    });
    assert.equal(r.stderr.split('\n').length, 2);
  });
});
