import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive, processStartTicks } from '@clawport/core/node';
import { makeHome, removeHome, runJson } from '../helpers/cli.js';

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
