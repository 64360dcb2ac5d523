import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive, isRecordedProcess, processStartTicks, readRuntime, readStopIntent } from '@clawport/core/node';
import { freeBlock, makeHome, removeHome, runCli, runJson, startCli, waitFor } from '../helpers/cli.js';

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
      await writeFile(join(stateDir, 'gateway.runtime.json'), JSON.stringify({ ...record(pid), profile: 'ghost', name: 'ghost', version: '0.1.0', startedAt: Date.now(), host: '127.0.0.1', base: 40100, ports: [], configPath: join(stateDir, 'openclaw.json'), stateDir }));
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
 * down means stopped and stays stopped; `gateway start` (or `gateway restart`) brings it back.
 */
describe('commands/down under an installed service', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => (home = await makeHome()));
  after(async () => {
    await runCli(['--profile', 'main', 'gateway', 'stop'], home);
    await removeHome(home);
  });

  it('stops the supervisor with the gateway and it stays stopped; gateway start brings both back', async () => {
    const port = await freeBlock(120);
    for (const args of [['setup', '--port', String(port)], ['gateway', 'install', '--backend', 'supervisor'], ['gateway', 'start']]) {
      const r = await runCli(['--profile', 'main', ...args], home);
      assert.equal(r.code, 0, r.stderr);
    }
    const stateDir = join(home, '.openclaw-main');
    const supervisor = async () => JSON.parse(await readFile(join(stateDir, 'service', 'supervisor.pid'), 'utf8').catch(() => '{}')) as { pid?: number; startTicks?: number };
    const rt = await waitFor('main running', () => readRuntime(stateDir), 30_000);
    const first = await supervisor();
    assert.ok(first.pid && isProcessAlive(first.pid, first.startTicks));
    const { result, run } = await runJson<Array<{ name: string; pid: number; wasRunning: boolean; stopped: boolean; service?: string }>>(['down', 'main'], home);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(result.map((d) => [d.name, d.pid, d.wasRunning, d.stopped, d.service]), [['main', rt.pid, true, true, 'supervisor']]);
    assert.equal(isProcessAlive(first.pid, first.startTicks), false, 'the supervisor is gone, so nothing restarts main');
    assert.equal(await readRuntime(stateDir), undefined);
    // Longer than the supervisor's first back-off: nothing brought it back.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await readRuntime(stateDir), undefined, 'main stays stopped');
    assert.equal((await readStopIntent(stateDir))?.by, 'clawport down', 'a watcher reads it as stopped on purpose');
    const human = await runCli(['down', 'main'], home);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout.trim(), 'main: not running (its supervisor service is stopped)');

    const start = await runCli(['--profile', 'main', 'gateway', 'start'], home);
    assert.equal(start.code, 0, start.stderr);
    const again = await waitFor('main running again', () => readRuntime(stateDir), 30_000);
    assert.notEqual(again.pid, rt.pid);
    const second = await supervisor();
    assert.ok(second.pid && isProcessAlive(second.pid, second.startTicks), 'under a new supervisor');
    assert.equal(await readStopIntent(stateDir), undefined, 'started again, a watcher counts its failures again');
  });

  it('a gateway run outside its installed service (service stopped) is signalled and stopped', async () => {
    const stateDir = join(home, '.openclaw-main');
    assert.equal((await runCli(['--profile', 'main', 'gateway', 'stop'], home)).code, 0);
    const fg = startCli(['--profile', 'main', 'gateway'], home);
    try {
      const rt = await waitFor('foreground main running', () => readRuntime(stateDir), 30_000, fg.output);
      const { result, run } = await runJson<Array<{ name: string; pid: number; wasRunning: boolean; stopped: boolean }>>(['down', 'main'], home);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(result.map((d) => [d.name, d.pid, d.wasRunning, d.stopped]), [['main', rt.pid, true, true]]);
      assert.equal(isRecordedProcess(rt), false);
    } finally {
      await fg.stop();
    }
  });
});
