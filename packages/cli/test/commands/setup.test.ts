import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson, snapshot } from '../helpers/cli.js';

interface SetupJson {
  name: string;
  stateDir: string;
  configPath: string;
  workspace: string;
  base: number;
  baseSource: string;
  created: boolean;
  changed: string[];
}

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('commands/setup', () => {
  let home: string;
  beforeEach(async () => (home = await makeHome()));
  afterEach(async () => removeHome(home));

  it('creates state dir 0700, config 0600, workspace and token; a re-run changes nothing', async () => {
    const { result, run } = await runJson<SetupJson>(['--profile', 'main', 'setup', '--port', '23000'], home);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      { name: result.name, base: result.base, baseSource: result.baseSource, created: result.created },
      { name: 'main', base: 23000, baseSource: 'flag', created: true },
    );
    assert.equal(result.stateDir, join(home, '.openclaw-main'));
    assert.equal(result.workspace, join(home, '.openclaw', 'workspace-main'));
    assert.equal(await mode(result.stateDir), 0o700);
    assert.equal(await mode(result.configPath), 0o600);
    assert.equal(await mode(join(result.stateDir, 'credentials', 'gateway.token')), 0o600);
    assert.ok((await stat(result.workspace)).isDirectory());
    assert.deepEqual(JSON.parse(await readFile(result.configPath, 'utf8')), { gateway: { port: 23000 } });

    const before = await snapshot(home);
    const again = await runJson<SetupJson>(['setup', '--profile', 'main'], home);
    assert.equal(again.run.code, 0);
    assert.deepEqual([again.result.created, again.result.changed, again.result.base], [false, [], 23000]);
    assert.deepEqual(await snapshot(home), before);
  });

  it('allocates a base whose whole footprint is free: right after the other instance, never overlapping', async () => {
    await runCli(['--profile', 'main', 'setup', '--port', '23000'], home);
    const { result } = await runJson<SetupJson>(['--profile', 'rescue', 'setup'], home);
    // 18789 and up is free in this fresh home, so allocation starts at the default base.
    assert.equal(result.baseSource, 'allocated');
    const check = await runCli(['ports', 'check'], home);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.ok(result.base < 32768 || result.base > 60999, 'never in the ephemeral range');
  });

  it('a base 20 above another instance is refused with the exact overlap; nothing written', async () => {
    await runCli(['--profile', 'main', 'setup', '--port', '23000'], home);
    const before = await snapshot(home);
    const r = await runCli(['--profile', 'rescue', 'setup', '--port', '23020'], home);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'error: rescue gateway 23020 overlaps main CDP band 23011–23110 (choose another base, or let setup allocate one: clawport ports suggest)\n',
    );
    assert.deepEqual(await snapshot(home), before);
  });

  it('an empty or foreign ~/.openclaw-x dir is not an instance: no default port, setup --port 18789 works, nothing in ports check, doctor or status --all (issue 12 item 3)', async () => {
    await mkdir(join(home, '.openclaw-ghost'));
    await mkdir(join(home, '.openclaw-foreign', 'credentials'), { recursive: true });
    await writeFile(join(home, '.openclaw-foreign', 'notes.txt'), 'not ours');
    const r = await runCli(['--profile', 'main', 'setup', '--port', '18789'], home);
    assert.equal(r.code, 0, r.stderr);
    const check = await runCli(['ports', 'check'], home);
    assert.deepEqual([check.code, /ghost|foreign/.test(check.stdout + check.stderr)], [0, false], check.stdout + check.stderr);
    const doctor = await runCli(['doctor'], home);
    assert.deepEqual([doctor.code, /ghost|foreign/.test(doctor.stdout + doctor.stderr)], [0, false], doctor.stdout + doctor.stderr);
    const { result } = await runJson<Array<{ name: string }>>(['status', '--all'], home);
    assert.deepEqual(result.map((s) => s.name), ['main']);
  });

  it('refuses creating an instance in another instance\'s state dir (a custom path in a profile\'s dir, and the reverse): exit 2, one line, nothing written', async () => {
    await runCli(['--profile', 'main', 'setup', '--port', '20200'], home);
    const before = await snapshot(home);
    const custom = { OPENCLAW_CONFIG_PATH: join(home, 'gateways', 'main.json'), OPENCLAW_STATE_DIR: join(home, '.openclaw-main') };
    const r = await runCli(['setup', '--port', '20400'], home, custom);
    assert.deepEqual([r.code, r.stdout], [2, '']);
    assert.equal(
      r.stderr,
      `error: ${join(home, '.openclaw-main')} is already profile main's state dir: two instances in one state dir share its lock, runtime file, logs and credentials (give this instance its own OPENCLAW_STATE_DIR, or use --profile main)\n`,
    );
    assert.deepEqual(await snapshot(home), before);

    // the reverse: a custom-path instance lives in ~/.openclaw-ops; creating profile ops there is refused
    const ops = { OPENCLAW_CONFIG_PATH: join(home, 'gateways', 'ops.json'), OPENCLAW_STATE_DIR: join(home, '.openclaw-ops') };
    assert.equal((await runCli(['setup', '--port', '20600'], home, ops)).code, 0);
    const mid = await snapshot(home);
    const p = await runCli(['--profile', 'ops', 'setup', '--port', '20800'], home);
    assert.deepEqual([p.code, p.stderr.split('\n').length], [2, 2], p.stderr);
    assert.match(p.stderr, new RegExp(`^error: ${join(home, '.openclaw-ops')} is already the state dir of ops \\(config ${join(home, 'gateways', 'ops.json')}\\)`));
    assert.deepEqual(await snapshot(home), mid);
  });

  const badPorts: Array<[string, number, string]> = [
    ['0', 78, 'error: --port: port 0 is outside 1024–65535 (choose another port)'],
    ['80', 78, 'error: --port: port 80 is outside 1024–65535 (choose another port)'],
    ['65536', 78, 'error: --port: port 65536 is outside 1024–65535 (choose another port)'],
    // not an integer: a usage error raised by the flag itself (flags.ts basePort), exit 2
    ['abc', 2, 'error: --port: "abc" is not a port (use an integer 1024–65535)'],
    ['19001x', 2, 'error: --port: "19001x" is not a port (use an integer 1024–65535)'],
    ['65500', 78, 'error: --port: base 65500 puts its footprint at 65500–65610, past 65535 (choose a base ≤ 65425, or run: clawport ports suggest)'],
  ];
  for (const [port, code, line] of badPorts) {
    it(`--port ${port}: one line, exit ${code}, nothing written`, async () => {
      const r = await runCli(['--profile', 'y', 'setup', '--port', port], home);
      assert.deepEqual([r.code, r.stderr, r.stdout], [code, `${line}\n`, '']);
      assert.deepEqual(Object.keys(await snapshot(home)).filter((p) => p.includes('openclaw')), []);
    });
  }

  const badProfiles: Array<[string, string]> = [
    ['../x', 'error: --profile: invalid profile name "../x" (use letters, digits, _ and -, starting with a letter or digit)'],
    ['a/b', 'error: --profile: invalid profile name "a/b" (use letters, digits, _ and -, starting with a letter or digit)'],
    ['', 'error: --profile: profile name is empty (use 1–64 characters from A–Z a–z 0–9 _ -)'],
    ['a b', 'error: --profile: invalid profile name "a b" (use letters, digits, _ and -, starting with a letter or digit)'],
    ['x'.repeat(70), 'error: --profile: profile name is 70 characters long (at most 64) (choose a shorter name)'],
  ];
  for (const [name, line] of badProfiles) {
    it(`profile ${JSON.stringify(name.length > 20 ? `${name.length} chars` : name)}: exit 2, one line, nothing written`, async () => {
      for (const argv of [['--profile', name, 'setup'], [`--profile=${name}`, 'setup'], ['setup', '--profile', name]]) {
        const r = await runCli(argv, home);
        assert.deepEqual([r.code, r.stderr, r.stdout], [2, `${line}\n`, ''], argv.join(' '));
      }
      assert.deepEqual(await snapshot(home), {});
    });
  }

  it('malformed JSON5 in an existing config: exit 78 naming file:line:col; the file is untouched', async () => {
    await runCli(['--profile', 'main', 'setup', '--port', '23000'], home);
    const file = join(home, '.openclaw-main', 'openclaw.json');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, '{ gateway: { port: 23000, }\n');
    const before = await snapshot(home);
    const r = await runCli(['--profile', 'main', 'setup'], home);
    assert.equal(r.code, 78);
    assert.match(r.stderr, new RegExp(`^error: ${file}:2:1: not valid JSON5: .+ \\(fix the syntax, or restore the last good config with: clawport config rollback\\)\\n$`));
    assert.deepEqual(await snapshot(home), before);
  });

  it('custom paths (OPENCLAW_STATE_DIR + OPENCLAW_CONFIG_PATH) are registered so profiles list finds them', async () => {
    const env = { OPENCLAW_STATE_DIR: join(home, 'bots', 'alpha'), OPENCLAW_CONFIG_PATH: join(home, 'bots', 'alpha.json') };
    const r = await runCli(['setup', '--port', '23400'], home, env);
    assert.equal(r.code, 0, r.stderr);
    const { result } = await runJson<Array<{ name: string; base: number; registered: boolean; configPath: string }>>(['profiles', 'list'], home);
    assert.deepEqual(result.map((p) => [p.name, p.base, p.registered, p.configPath]), [['alpha', 23400, true, env.OPENCLAW_CONFIG_PATH]]);
  });
});
