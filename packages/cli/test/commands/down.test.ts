import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive, processStartTicks } from '@clawport/core/node';
import { readRuntime } from '@clawport/core/node';
import { freeBlock, makeHome, removeHome, runCli, runJson, waitFor } from '../helpers/cli.js';

/**
 * A runtime file outlives a gateway killed with -9, and its pid may since belong to another program.
 * `down` must signal only the process that wrote the file: same pid AND same start time.
 */
describe('commands/down never signals a process that is not the instance gateway', () => {
  let home: string;
  let bystander: ChildProcess;
  before(async () => {
    home = await makeHome();
    bystander = spawn('sleep', ['120'], { stdio: 'ignore' });
    await new Promise((r) => bystander.once('spawn', r));
  });
  after(async () => {
    bystander.kill('SIGKILL');
    await removeHome(home);
  });

  const cases: Array<[string, (pid: number) => Record<string, unknown>]> = [
    ['a stale file whose pid was reused (other start time)', (pid) => ({ pid, startTicks: (processStartTicks(pid) ?? 0) + 1 })],
    ['a stale file with no start time at all', (pid) => ({ pid })],
  ];
  for (const [what, record] of cases) {
    it(what, async () => {
      const stateDir = join(home, '.openclaw-ghost');
      await mkdir(stateDir, { recursive: true });
      const pid = bystander.pid!;
      await writeFile(join(stateDir, 'gateway.runtime.json'), JSON.stringify({ ...record(pid), profile: 'ghost', name: 'ghost', base: 40100, ports: [] }));
      const { result, run } = await runJson<Array<{ name: string; wasRunning: boolean; stopped: boolean }>>(['down', 'ghost'], home);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(result.map((d) => [d.name, d.wasRunning]), [['ghost', false]]);
      assert.ok(isProcessAlive(pid), 'the unrelated process was not signalled');
      assert.equal(bystander.exitCode, null);
      assert.equal(bystander.signalCode, null);
    });
  }
});

/**
 * `down` of a gateway its service runs (here the built-in supervisor) stops the service: a signalled
 * gateway alone would be restarted by it (found by a docs-only trial: "stopped", then running again).
 */
describe('commands/down under an installed service', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => (home = await makeHome()));
  after(async () => {
    await runCli(['--profile', 'main', 'gateway', 'stop'], home);
    await removeHome(home);
  });

  it('stops the supervisor with the gateway: nothing is left to restart it', async () => {
    const port = await freeBlock(120);
    for (const args of [['setup', '--port', String(port)], ['gateway', 'install', '--backend', 'supervisor'], ['gateway', 'start']]) {
      const r = await runCli(['--profile', 'main', ...args], home);
      assert.equal(r.code, 0, r.stderr);
    }
    const stateDir = join(home, '.openclaw-main');
    const rt = await waitFor('main running', () => readRuntime(stateDir), 30_000);
    const supervisor = JSON.parse(await (await import('node:fs/promises')).readFile(join(stateDir, 'service', 'supervisor.pid'), 'utf8')) as { pid: number; startTicks?: number };
    assert.ok(isProcessAlive(supervisor.pid, supervisor.startTicks));
    const { result, run } = await runJson<Array<{ name: string; pid: number; wasRunning: boolean; stopped: boolean }>>(['down', 'main'], home);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(result.map((d) => [d.name, d.pid, d.wasRunning, d.stopped]), [['main', rt.pid, true, true]]);
    assert.equal(isProcessAlive(supervisor.pid, supervisor.startTicks), false, 'the supervisor is gone, so nothing restarts main');
    assert.equal(await readRuntime(stateDir), undefined);
  });
});
