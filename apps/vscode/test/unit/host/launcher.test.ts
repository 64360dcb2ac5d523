import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive, processStartTicks, readStopIntent } from '@clawport/core/node';
import { stopByPid } from '../../../src/host/launcher.js';

/** A whole runtime record (core parseRuntimeInfo reads nothing less) for a process of this test. */
const wholeRecord = (rec: { pid: number; startTicks?: number }) => ({
  ...rec,
  profile: 'x',
  name: 'x',
  version: '0.1.0',
  startedAt: Date.now(),
  host: '127.0.0.1',
  base: 40100,
  ports: [],
  configPath: '/nonexistent/openclaw.json',
  stateDir: '/nonexistent',
});

/** The editor's Stop/Kill Gateway signals only the process that wrote the runtime file (pid + start time). */
describe('host/launcher stopByPid', () => {
  let dir: string;
  let bystander: ChildProcess;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clawport-launcher-'));
    bystander = spawn('sleep', ['120'], { stdio: 'ignore' });
    await new Promise((r) => bystander.once('spawn', r));
  });
  after(async () => {
    bystander.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  for (const [what, extra] of [
    ['a reused pid (other start time)', (pid: number) => ({ startTicks: (processStartTicks(pid) ?? 0) + 1 })],
    ['a file with no start time', () => ({})],
  ] as const) {
    it(`never signals ${what}`, async () => {
      const pid = bystander.pid!;
      await writeFile(join(dir, 'gateway.runtime.json'), JSON.stringify(wholeRecord({ pid, ...extra(pid) })));
      assert.equal(await stopByPid(dir, 'SIGKILL', 2000), undefined);
      assert.ok(isProcessAlive(pid));
      assert.equal(bystander.signalCode, null);
    });
  }

  it('records a stop on purpose before it signals the gateway, so a watcher opens no incident', async () => {
    const gateway = spawn('sleep', ['120'], { stdio: 'ignore' });
    await new Promise((r) => gateway.once('spawn', r));
    const pid = gateway.pid!;
    await writeFile(join(dir, 'gateway.runtime.json'), JSON.stringify(wholeRecord({ pid, startTicks: processStartTicks(pid) })));
    assert.equal(await stopByPid(dir, 'SIGTERM', 5000), pid);
    if (gateway.signalCode === null) await new Promise((r) => gateway.once('exit', r));
    assert.equal(gateway.signalCode, 'SIGTERM');
    const intent = await readStopIntent(dir);
    assert.equal(intent?.by, 'the editor (Stop Gateway)');
    assert.equal(intent?.pid, pid);
  });
});
