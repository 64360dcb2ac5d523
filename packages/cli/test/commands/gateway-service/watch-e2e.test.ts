import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Incident } from '@clawport/core';
import { isProcessAlive, readIncidents, readRuntime } from '@clawport/core/node';
import { freeBlock, makeHome, removeHome, runCli, runJson, startGateway, waitFor, type LiveProcess } from '../../helpers/cli.js';

async function healthz(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/**
 * The rescue bot watching main, for real: main runs under the built-in supervisor, rescue's gateway
 * watches it with short intervals set here in its config (the product defaults are seconds).
 */
describe('rescue watches main: detect, restart, roll back, tell (real gateways, built-in supervisor)', function () {
  this.timeout(180_000);
  let home: string;
  let rescue: LiveProcess | undefined;
  let mainPort: number;
  const mainState = () => join(home, '.openclaw-main');
  const rescueState = () => join(home, '.openclaw-rescue');
  const incidents = (): Promise<Incident[]> => readIncidents(rescueState());
  const resolved = async (n: number) => ((await incidents()).filter((i) => i.state === 'resolved').length >= n ? incidents() : undefined);
  const liveMain = async (notPid?: number) => {
    const rt = await readRuntime(mainState());
    return rt && rt.pid !== notPid && (await healthz(mainPort)) ? rt : undefined;
  };

  before(async () => {
    home = await makeHome();
    mainPort = await freeBlock(300, 23000, 24999);
    for (const [p, port] of [['main', mainPort], ['rescue', mainPort + 150]] as const) {
      const r = await runCli(['--profile', p, 'setup', '--port', String(port)], home);
      assert.equal(r.code, 0, r.stderr);
    }
    for (const args of [['gateway', 'install'], ['gateway', 'start']]) {
      const r = await runCli(['--profile', 'main', ...args], home);
      assert.equal(r.code, 0, r.stderr);
    }
    const watch = { targets: ['main'], intervalMs: 200, failureThreshold: 2, startGraceMs: 5000, probeTimeoutMs: 700, restart: { attempts: 2, backoffMs: 100, waitMs: 15000 } };
    const set = await runCli(['--profile', 'rescue', 'config', 'set', 'watch', JSON.stringify(watch)], home);
    assert.equal(set.code, 0, set.stderr);
    rescue = await startGateway(['--profile', 'rescue', 'gateway'], home, rescueState());
  });
  after(async () => {
    await rescue?.stop();
    await runCli(['--profile', 'main', 'gateway', 'stop'], home);
    await removeHome(home);
  });

  it('kill -9 main twice: restarted each time, each incident recorded and resolved', async () => {
    // A watcher reports a death only of a gateway it saw live: it has once it kept main's started config.
    await waitFor('rescue has seen main live', () => stat(join(rescueState(), 'watch', 'main.last-good-start.json')).catch(() => undefined), 30_000, rescue!.output);
    for (let round = 1; round <= 2; round++) {
      const rt = await waitFor('main live', () => liveMain(), 30_000, rescue!.output);
      process.kill(rt.pid, 'SIGKILL');
      await waitFor('main live again with a new pid', () => liveMain(rt.pid), 60_000, rescue!.output);
      const all = await waitFor(`incident ${round} resolved`, () => resolved(round), 30_000, rescue!.output);
      const last = all.at(-1)!;
      assert.equal(last.target, 'main');
      assert.equal(last.watcher, 'rescue');
      assert.match(last.cause, new RegExp(`pid ${rt.pid}|not running`));
      assert.ok(last.actions.length > 0 && last.actions.at(-1)!.result === 'ok', JSON.stringify(last));
      assert.ok(last.resolvedAt && last.resolvedAt >= last.detectedAt);
    }
  });

  it('SIGSTOP main: counted as failed, restarted, incident resolved', async () => {
    const before = (await incidents()).length;
    const rt = await waitFor('main live', () => liveMain(), 30_000, rescue!.output);
    process.kill(rt.pid, 'SIGSTOP');
    try {
      const all = await waitFor('the hang resolved', async () => ((await incidents()).length > before && (await incidents()).at(-1)!.state === 'resolved' ? incidents() : undefined), 90_000, rescue!.output);
      const last = all.at(-1)!;
      assert.match(last.cause, new RegExp(`pid ${rt.pid} is not answering`));
      assert.equal(last.actions[0].kind, 'restart');
      assert.equal(last.resolution, 'live again after restart 1');
      assert.ok(await liveMain(rt.pid));
    } finally {
      try {
        process.kill(rt.pid, 'SIGCONT');
      } catch {
        // already gone: the restart killed it
      }
    }
  });

  it('kill -9 while its supervisor is frozen: the watcher restarts main; one kill, one incident', async () => {
    const before = (await incidents()).length;
    const rt = await waitFor('main live', () => liveMain(), 30_000, rescue!.output);
    const supervisor = JSON.parse(await readFile(join(mainState(), 'service', 'supervisor.pid'), 'utf8')) as { pid: number };
    // Frozen, the supervisor cannot restart main first: the watcher acts, and the supervisor, once
    // continued, records the kill as its last exit (what a service that is merely slow does too).
    process.kill(supervisor.pid, 'SIGSTOP');
    try {
      process.kill(rt.pid, 'SIGKILL');
      // The watcher's restart is a SIGHUP to the supervisor: pending (ShdPnd bit 1) while it is frozen.
      const hupPending = async () => (BigInt(`0x${/ShdPnd:\s*([0-9a-f]+)/.exec(await readFile(`/proc/${supervisor.pid}/status`, 'utf8'))?.[1] ?? '0'}`) & 1n ? true : undefined);
      await waitFor("the watcher's restart (SIGHUP pending at the frozen supervisor)", hupPending, 30_000, rescue!.output);
    } finally {
      process.kill(supervisor.pid, 'SIGCONT');
    }
    const all = await waitFor('the incident resolved', async () => ((await incidents()).at(-1)?.state === 'resolved' ? incidents() : undefined), 60_000, rescue!.output);
    assert.equal(all.at(-1)!.resolution, 'live again after restart 1', JSON.stringify(all.at(-1)));
    // Many rounds later the pid it brought back is no news: no second incident "restarted by its service".
    await new Promise((res) => setTimeout(res, 2000));
    assert.equal((await incidents()).length, before + 1, JSON.stringify((await incidents()).slice(before)));
  });

  it('a bad config written to main (valid JSON5, fails at start): rolled back, main live again, the incident says so', async () => {
    const before = (await incidents()).length;
    const rt = await waitFor('main live', () => liveMain(), 30_000, rescue!.output);
    const configPath = join(mainState(), 'openclaw.json');
    const good = await readFile(configPath, 'utf8');
    const bad = { ...(JSON.parse(good) as object), logging: { level: 'loud' } };
    await writeFile(configPath, `// valid JSON5, invalid config\n${JSON.stringify(bad)}\n`);
    process.kill(rt.pid, 'SIGKILL');
    const all = await waitFor('the bad config incident resolved', async () => ((await incidents()).length > before && (await incidents()).at(-1)!.state === 'resolved' ? incidents() : undefined), 120_000, rescue!.output);
    const last = all.at(-1)!;
    assert.equal(last.resolution, 'live again after rolling the config back', JSON.stringify(last, null, 1));
    assert.ok(last.actions.some((a) => a.kind === 'rollback' && a.result === 'ok'));
    // The log line of each action carries its detail too: an operator reads why from the log alone.
    assert.match(rescue!.output(), /"msg":"incident rollback ok".*"detail":"restored the config main last started well with/);
    assert.ok(await waitFor('main live', () => liveMain(rt.pid), 30_000));
    assert.equal(await readFile(configPath, 'utf8'), good);
    assert.match(await readFile(`${configPath}.rolled-back`, 'utf8'), /loud/);
  });

  it('clawport --profile main down and gateway stop: stopped on purpose and stays stopped, no incident; started again, watched again', async () => {
    const before = (await incidents()).length;
    const supervisorAlive = async () => {
      const pid = JSON.parse(await readFile(join(mainState(), 'service', 'supervisor.pid'), 'utf8').catch(() => '{}')) as { pid?: number; startTicks?: number };
      return pid.pid !== undefined && isProcessAlive(pid.pid, pid.startTicks);
    };
    for (const stop of [['down'], ['gateway', 'stop']]) {
      const rt = await waitFor('main live', () => liveMain(), 30_000, rescue!.output);
      const r = await runCli(['--profile', 'main', ...stop], home);
      assert.equal(r.code, 0, r.stderr);
      // down means stopped: through its service, so the supervisor does not bring it back.
      assert.equal(await supervisorAlive(), false, `${stop.join(' ')}: the supervisor is gone`);
      assert.equal(await readRuntime(mainState()), undefined);
      // Many watcher rounds (200 ms each) see main down on purpose.
      await new Promise((res) => setTimeout(res, 3000));
      assert.equal(isProcessAlive(rt.pid), false);
      assert.equal(await readRuntime(mainState()), undefined, `${stop.join(' ')}: main stays stopped`);
      assert.equal((await incidents()).length, before, `${stop.join(' ')}: ${JSON.stringify((await incidents()).slice(before))}`);
      const { result } = await runJson<{ incidents: Incident[] }>(['incidents', '--target', 'main'], home);
      assert.equal(result.incidents.length, before);
      assert.equal((await runCli(['--profile', 'main', 'gateway', 'start'], home)).code, 0);
    }
    // gateway restart is how to bounce it: on purpose too, no incident.
    const bounced = await waitFor('main live', () => liveMain(), 30_000, rescue!.output);
    const restart = await runCli(['--profile', 'main', 'gateway', 'restart'], home);
    assert.equal(restart.code, 0, restart.stderr);
    await waitFor('main live again after the restart', () => liveMain(bounced.pid), 30_000, rescue!.output);
    await new Promise((res) => setTimeout(res, 1000));
    assert.equal((await incidents()).length, before, `gateway restart: ${JSON.stringify((await incidents()).slice(before))}`);
    // Started again, it is watched again: a kill -9 is an incident once more, repaired.
    const rt = await waitFor('main live', () => liveMain(), 30_000, rescue!.output);
    process.kill(rt.pid, 'SIGKILL');
    await waitFor('main live again with a new pid', () => liveMain(rt.pid), 60_000, rescue!.output);
    const all = await waitFor('a new incident resolved', () => resolved(before + 1), 30_000, rescue!.output);
    assert.equal(all.length, before + 1, `one kill, one incident: ${JSON.stringify(all.slice(before))}`);
    assert.match(all.at(-1)!.cause, new RegExp(`pid ${rt.pid}|not running`));
  });
});
