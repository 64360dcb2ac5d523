import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson, snapshot, waitFor } from '../../helpers/cli.js';

interface Status {
  backend: string;
  running: boolean;
  pid?: number;
  restarts?: number;
  lastExit?: { code: number | null; signal?: string | null };
  runtime: { pid: number; base: number } | null;
  health: { ok: boolean } | null;
  mismatches: Array<{ check: string; message: string; fix?: string }>;
}

async function healthz(port: number): Promise<{ ok: boolean } | undefined> {
  try {
    return (await (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).json()) as { ok: boolean };
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Alive and not a zombie (a PID 1 that does not reap leaves zombies that hold nothing). */
async function running(pid: number): Promise<boolean> {
  if (!alive(pid)) return false;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

describe('gateway install/start/stop/uninstall through the built-in supervisor (real gateways)', function () {
  this.timeout(120_000);
  let home: string;
  const profiles = [
    { profile: 'main', port: 29700 },
    { profile: 'rescue', port: 29850 },
  ];
  const stateDir = (p: string) => join(home, `.openclaw-${p}`);
  const started: number[] = [];

  before(async () => {
    home = await makeHome();
    for (const { profile, port } of profiles) {
      const r = await runCli(['--profile', profile, 'setup', '--port', String(port)], home);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(async () => {
    for (const { profile } of profiles) await runCli(['--profile', profile, 'gateway', 'stop'], home);
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await removeHome(home);
  });

  let beforeInstall: Record<string, string>;
  it('install records the service and says which backend and why; start brings main and rescue up healthy', async () => {
    beforeInstall = await snapshot(home);
    for (const { profile, port } of profiles) {
      const install = await runCli(['--profile', profile, 'gateway', 'install'], home);
      assert.equal(install.code, 0, install.stderr);
      assert.match(install.stdout, /^backend: supervisor \(no service manager: PID 1 is `.+`, not systemd.*\)$/m);
      assert.match(install.stdout, new RegExp(`installed supervisor \\(${profile}\\) for ${profile} on port ${port}`));
      const start = await runCli(['--profile', profile, 'gateway', 'start'], home);
      assert.equal(start.code, 0, start.stderr);
      assert.match(start.stdout, new RegExp(`healthy on 127.0.0.1:${port}, pid \\d+`));
    }
    for (const { profile, port } of profiles) {
      assert.equal((await healthz(port))?.ok, true);
      const { result } = await runJson<Status>(['--profile', profile, 'gateway', 'status'], home);
      assert.equal(result.running, true);
      assert.equal(result.pid, result.runtime?.pid);
      assert.equal(result.health?.ok, true);
      assert.deepEqual(result.mismatches, []);
      started.push(result.pid!);
    }
  });

  it('kill -9 of a gateway: back and healthy, and status shows the restart and the signal', async () => {
    const before = (await runJson<Status>(['--profile', 'main', 'gateway', 'status'], home)).result;
    const t0 = Date.now();
    process.kill(before.pid!, 'SIGKILL');
    await waitFor('main back under a new pid', async () => {
      const runtime = await readFile(join(stateDir('main'), 'gateway.runtime.json'), 'utf8').then((t) => JSON.parse(t) as { pid: number }, () => undefined);
      return runtime && runtime.pid !== before.pid && (await healthz(29700))?.ok;
    });
    console.log(`      measured: kill -9 → new gateway answers /healthz in ${Date.now() - t0} ms`);
    const { result: after } = await runJson<Status>(['--profile', 'main', 'gateway', 'status'], home);
    assert.equal(after.health?.ok, true);
    started.push(after.pid!);
    assert.equal(after.restarts, 1);
    assert.equal(after.lastExit?.signal, 'SIGKILL');
    assert.equal((await healthz(29850))?.ok, true, 'rescue untouched');
  });

  it('logs shows the gateway output and the supervisor restart', async () => {
    const r = await runCli(['--profile', 'main', 'gateway', 'logs', '-n', '20'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /gateway exited \(signal SIGKILL\)/);
    assert.match(r.stdout, /listening on ws:\/\/127.0.0.1:29700\//);
    const token = (await readFile(join(stateDir('main'), 'credentials/gateway.token'), 'utf8')).trim();
    assert.ok(!r.stdout.includes(token), 'no secret in logs output');
  });

  let afterStop: Record<string, string>;
  it('stop leaves no process behind (checked by pid) and frees the ports', async () => {
    const pids: number[] = [];
    for (const { profile } of profiles) {
      const s = JSON.parse(await readFile(join(stateDir(profile), 'service/supervisor.pid'), 'utf8')) as { pid: number };
      const st = (await runJson<Status>(['--profile', profile, 'gateway', 'status'], home)).result;
      pids.push(s.pid, st.pid!);
      const r = await runCli(['--profile', profile, 'gateway', 'stop'], home);
      assert.equal(r.code, 0, r.stderr);
    }
    for (const pid of pids) assert.equal(await running(pid), false, `pid ${pid} still runs`);
    for (const { port } of profiles) assert.equal(await healthz(port), undefined);
    const { result } = await runJson<Status>(['--profile', 'main', 'gateway', 'status'], home);
    assert.equal(result.running, false);
    assert.ok(result.mismatches.some((m) => m.check === 'status.stopped' && m.fix === 'clawport --profile main gateway start'));
    afterStop = await snapshot(home);
  });

  it('uninstall removes every file it wrote and nothing else', async () => {
    for (const { profile } of profiles) {
      const r = await runCli(['--profile', profile, 'gateway', 'uninstall'], home);
      assert.equal(r.code, 0, r.stderr);
    }
    const now = await snapshot(home);
    const removed = Object.keys(afterStop).filter((p) => !(p in now)).map((p) => p.slice(home.length + 1)).sort();
    const expected = profiles.flatMap(({ profile }) =>
      ['logs/gateway.service.log', 'logs/supervisor.log', 'service', 'service/gateway.env', 'service/installed.json', 'service/supervisor.json', 'service/supervisor.state.json'].map(
        (f) => `.openclaw-${profile}/${f}`,
      ),
    );
    assert.deepEqual(removed, expected.sort());
    for (const [path, content] of Object.entries(now)) assert.equal(content, afterStop[path], `${path} changed`);
    for (const path of Object.keys(beforeInstall)) assert.ok(path in now, `${path} existed before install and is gone`);
  });
});
