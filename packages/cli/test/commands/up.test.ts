import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { freeBlock, makeHome, removeHome, runCli, runJson, startCli, waitFor, type LiveProcess } from '../helpers/cli.js';

interface StatusJson {
  name: string;
  base: number;
  running: boolean;
  health: { ok: boolean } | null;
}

describe('commands/up and down', () => {
  let home: string;
  let up: LiveProcess | undefined;
  let A = 0;
  beforeEach(async () => {
    home = await makeHome();
    // Bases inside this suite's range (free right now); `up` would allocate from 18789 otherwise.
    A = await freeBlock(323);
    for (const [p, port] of [['a', String(A)], ['b', String(A + 212)]]) {
      const r = await runCli(['--profile', p, 'setup', '--port', port], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  afterEach(async () => {
    // SIGINT, as a user would: `up` stops its children (they run in their own process group, so
    // killing `up` with -9 would orphan them). `down` is the safety net for a failed test.
    await up?.stop('SIGINT');
    up = undefined;
    await runCli(['down', 'a', 'b'], home);
    await removeHome(home);
  });

  it('starts the group, reports both healthy, Ctrl-C (SIGINT) stops all with exit 0', async () => {
    up = startCli(['up', 'a', 'b'], home);
    await waitFor('both healthy', () => up!.output().includes('all 2 gateways healthy'), 30_000, up.output);
    const { result } = await runJson<StatusJson[]>(['status', '--all'], home);
    assert.deepEqual(result.map((s) => [s.name, s.base, s.running, s.health?.ok]), [['a', A, true, true], ['b', A + 212, true, true]]);
    assert.equal(await up.stop('SIGINT'), 0, up.output());
    const after = await runJson<StatusJson[]>(['status', '--all'], home);
    assert.deepEqual(after.result.map((s) => s.running), [false, false]);
  });

  it('down stops a running member cleanly; up keeps the other and exits 0 when it is stopped too', async () => {
    up = startCli(['up', 'a', 'b'], home);
    await waitFor('both healthy', () => up!.output().includes('all 2 gateways healthy'), 30_000, up.output);
    const down = await runJson<Array<{ name: string; wasRunning: boolean; stopped: boolean }>>(['down', 'a'], home);
    assert.deepEqual(down.result.map((d) => [d.name, d.wasRunning, d.stopped]), [['a', true, true]]);
    await waitFor('a to exit', () => up!.output().includes('a: exited (code 0)'), 10_000, up.output);
    assert.equal((await runCli(['--profile', 'b', 'health'], home)).code, 0, 'b keeps running');
    const rest = await runCli(['down', 'b', 'a'], home);
    assert.deepEqual([rest.code, rest.stdout], [0, `b: stopped (pid ${/b: healthy .* pid (\d+)/.exec(up.output())?.[1]})\na: not running\n`]);
    assert.equal(await up.exited, 0, up.output());
  });

  it('a member that cannot start makes up exit 1 after Ctrl-C; the other member runs meanwhile', async () => {
    const foreign: Server = await new Promise((resolve) => {
      const s = createServer();
      s.listen(A + 214, '127.0.0.1', () => resolve(s)); // b's browser control port
    });
    try {
      up = startCli(['up', 'a', 'b'], home);
      await waitFor('b to fail', () => up!.output().includes('b: exited (code 1)'), 30_000, up.output);
      assert.match(up.output(), new RegExp(`\\[b\\] error: cannot start gateway b: port ${A + 214} \\(browser control\\) is in use`));
      await waitFor('a healthy', async () => (await runCli(['--profile', 'a', 'health'], home)).code === 0, 20_000, up.output);
      assert.equal(await up.stop('SIGINT'), 1, up.output());
      assert.match(up.output(), /warning: b failed/);
    } finally {
      await new Promise((r) => foreign.close(r));
    }
  });

  const usage: Array<[string[], string]> = [
    [['up'], 'error: name at least one profile (for example: clawport up main rescue)'],
    [['up', 'a', 'a'], 'error: profile a is named twice (name each profile once)'],
    [['up', '../x'], 'error: profile: invalid profile name "../x" (use letters, digits, _ and -, starting with a letter or digit)'],
    [['down'], 'error: name at least one profile (for example: clawport down main rescue)'],
  ];
  for (const [argv, line] of usage) {
    it(`usage: ${argv.join(' ')}`, async () => {
      const r = await runCli(argv, home);
      assert.deepEqual([r.code, r.stderr], [2, `${line}\n`]);
    });
  }
});
