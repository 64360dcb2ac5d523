import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceError, type ServiceSpec } from '@clawport/core';
import { processStartTicks } from '@clawport/core/node';
import {
  installSupervised,
  restartSupervised,
  serviceRestartHook,
  startSupervisor,
  stopSupervisor,
  supervisorStatus,
  uninstallSupervised,
} from '../../src/supervisor/index.js';
import { FAKE_GATEWAY, health, pidAlive, specFor, tree, waitFor } from './helpers.js';

describe('supervisor end to end (real detached processes, real ports on 127.0.0.1)', function () {
  this.timeout(90_000);
  let home: string;
  let main: ServiceSpec;
  let rescue: ServiceSpec;
  let initialTree: string[];

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'clawport-sup-'));
    main = specFor(home, 'main', 29400);
    rescue = specFor(home, 'rescue', 29500);
    for (const spec of [main, rescue]) {
      mkdirSync(spec.stateDir, { recursive: true, mode: 0o700 });
      writeFileSync(spec.configPath, `{ gateway: { port: ${spec.port} } }\n`, { mode: 0o600 });
    }
    initialTree = tree(home);
  });
  after(async () => {
    // Every state dir a test made, even one whose test failed before its own cleanup.
    for (const dir of readdirSync(home).filter((d) => d.startsWith('.openclaw-'))) await stopSupervisor(join(home, dir)).catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  });

  it('install records the service; start launches main and rescue, both healthy with their own env', async () => {
    for (const spec of [main, rescue]) await installSupervised(spec);
    writeFileSync(rescue.envFile, `${readFileSync(rescue.envFile, 'utf8')}SECRET_FOR_TEST=from-env-file\n`);
    for (const spec of [main, rescue]) {
      const status = await startSupervisor(spec.stateDir);
      assert.equal(status.running, true);
      assert.ok(status.pid, 'gateway pid reported');
    }
    const m = await waitFor('main healthy', () => health(main.port));
    const r = await waitFor('rescue healthy', () => health(rescue.port));
    assert.equal(m.profile, 'main');
    assert.equal(r.profile, 'rescue');
    assert.equal(r.env.OPENCLAW_STATE_DIR, rescue.stateDir);
    assert.equal(r.env.OPENCLAW_CONFIG_PATH, rescue.configPath);
    assert.equal(r.env.SECRET_FOR_TEST, 'from-env-file');
    assert.equal(m.env.SECRET_FOR_TEST, undefined);
    assert.deepEqual(Object.keys(m.env).sort(), ['OPENCLAW_CONFIG_PATH', 'OPENCLAW_GATEWAY_PORT', 'OPENCLAW_HOME', 'OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR']);
  });

  it('start of a running supervisor is a no-op that reports it', async () => {
    const a = await supervisorStatus(main.stateDir);
    const b = await startSupervisor(main.stateDir);
    assert.equal(b.supervisorPid, a.supervisorPid);
    assert.equal(b.pid, a.pid);
  });

  it('two starts at once give one supervisor (its pid file is an exclusive lock)', async () => {
    const twin = specFor(home, 'twin', 29660);
    await installSupervised(twin);
    const [a, b] = await Promise.all([startSupervisor(twin.stateDir), startSupervisor(twin.stateDir)]);
    assert.equal(a.supervisorPid, b.supervisorPid);
    const supervisors = () =>
      readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d) && pidAlive(Number(d)))
        .filter((d) => {
          try {
            return readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').includes(twin.stateDir);
          } catch {
            return false;
          }
        })
        .map(Number);
    // The second one may still be booting when both starts return; it must find the lock and leave.
    const left = await waitFor('one supervisor left', () => Promise.resolve(supervisors().length === 1 ? supervisors() : undefined));
    assert.deepEqual(left, [a.supervisorPid]);
    assert.match(readFileSync(join(twin.stateDir, 'logs/supervisor.log'), 'utf8'), /another supervisor \(pid \d+\) already runs/);
    await stopSupervisor(twin.stateDir);
    await uninstallSupervised(twin);
    rmdirSync(twin.stateDir); // fails unless uninstall left it empty
  });

  it('kill -9 of a gateway: the supervisor brings it back healthy with a new pid', async () => {
    const old = (await health(main.port))!.pid;
    const t0 = Date.now();
    process.kill(old, 'SIGKILL');
    const back = await waitFor('main back', async () => {
      const h = await health(main.port);
      return h && h.pid !== old ? h : undefined;
    });
    console.log(`      measured: kill -9 → healthy again in ${Date.now() - t0} ms`);
    assert.ok(!pidAlive(old));
    const status = await supervisorStatus(main.stateDir);
    assert.equal(status.pid, back.pid);
    assert.equal(status.restarts, 1);
    assert.deepEqual({ code: status.lastExit?.code, signal: status.lastExit?.signal }, { code: null, signal: 'SIGKILL' });
    assert.ok((await health(rescue.port))?.ok, 'rescue unaffected');
  });

  it('a crash (exit 1) is restarted too, and logged under <state>/logs/', async () => {
    const old = (await health(main.port))!.pid;
    await fetch(`http://127.0.0.1:${main.port}/crash`).then((r) => r.text());
    await waitFor('main back after crash', async () => {
      const h = await health(main.port);
      return h && h.pid !== old ? h : undefined;
    });
    const status = await supervisorStatus(main.stateDir);
    assert.equal(status.lastExit?.code, 1);
    assert.equal(status.restarts, 2);
    const log = readFileSync(join(main.stateDir, 'logs/supervisor.log'), 'utf8');
    assert.match(log, /gateway exited \(code 1\)/);
    assert.match(log, /gateway exited \(signal SIGKILL\)/);
    assert.match(readFileSync(main.logFile, 'utf8'), /fake gateway main listening on 127.0.0.1:29400/);
  });

  it('restart replaces the gateway under the same supervisor', async () => {
    const a = await supervisorStatus(rescue.stateDir);
    const b = await restartSupervised(rescue.stateDir);
    assert.equal(b.supervisorPid, a.supervisorPid);
    assert.notEqual(b.pid, a.pid);
    assert.ok(!pidAlive(a.pid!));
    await waitFor('rescue healthy after restart', () => health(rescue.port));
  });

  it('install with a changed port, then restart: the running supervisor applies the new record', async () => {
    const moved = specFor(home, 'rescue', 29550);
    const report = await installSupervised(moved);
    assert.equal(report.files[0].action, 'updated');
    await restartSupervised(moved.stateDir);
    await waitFor('rescue on its new port', () => health(moved.port));
    assert.equal(await health(rescue.port), undefined);
    rescue = moved;
  });

  it('the instances.restart hook restarts a profile through its service (resolved by name, not by env)', async () => {
    const before = await supervisorStatus(main.stateDir);
    const hook = serviceRestartHook({ node: process.execPath, script: FAKE_GATEWAY }, { OPENCLAW_HOME: home, OPENCLAW_STATE_DIR: rescue.stateDir }, '/nonexistent');
    assert.deepEqual(await hook('main'), { instance: 'main', backend: 'supervisor', restarted: true });
    const after = await supervisorStatus(main.stateDir);
    assert.equal(after.supervisorPid, before.supervisorPid);
    assert.notEqual(after.pid, before.pid);
    await waitFor('main healthy after the hook', () => health(main.port));
    await assert.rejects(hook('ghost'), /profile ghost has no service installed/);
  });

  it('stop leaves no process behind (checked by pid) and frees the port', async () => {
    for (const spec of [main, rescue]) {
      const s = await supervisorStatus(spec.stateDir);
      const result = await stopSupervisor(spec.stateDir);
      assert.equal(result.wasRunning, true);
      assert.ok(!pidAlive(s.supervisorPid!), 'supervisor gone');
      assert.ok(!pidAlive(s.pid!), 'gateway gone');
      assert.equal(await health(spec.port), undefined);
      const after = await supervisorStatus(spec.stateDir);
      assert.deepEqual([after.running, after.phase, after.pid], [false, 'stopped', undefined]);
    }
  });

  it('a supervisor killed with -9 leaves a gateway that stop still finds and ends', async () => {
    const s = await startSupervisor(main.stateDir);
    await waitFor('main healthy', () => health(main.port));
    process.kill(s.supervisorPid!, 'SIGKILL');
    await waitFor('supervisor gone', () => Promise.resolve(pidAlive(s.supervisorPid!) ? undefined : true));
    assert.ok(pidAlive(s.pid!), `the orphaned gateway still runs: ${JSON.stringify(s)}`);
    const result = await stopSupervisor(main.stateDir);
    assert.equal(result.gatewayPid, s.pid);
    assert.ok(!pidAlive(s.pid!));
  });

  it('uninstall removes every file it wrote and nothing else', async () => {
    for (const spec of [main, rescue]) await uninstallSupervised(spec);
    assert.deepEqual(tree(home), initialTree);
  });

  it('uninstall of a profile that has none: one clear line', async () => {
    await assert.rejects(uninstallSupervised(main), (e: unknown) => e instanceof ServiceError && /^profile main has no service installed/.test(e.message));
  });

  it('start without install: one clear line', async () => {
    await assert.rejects(startSupervisor(main.stateDir), /no built-in supervisor service is installed in .*openclaw-main/);
  });

  it('a state dir removed under a running supervisor: it stops at the next exit instead of recreating it', async () => {
    const gone = specFor(home, 'gone', 29650);
    await installSupervised(gone);
    const s = await startSupervisor(gone.stateDir);
    await waitFor('gone healthy', () => health(gone.port));
    rmSync(gone.stateDir, { recursive: true, force: true });
    process.kill(s.pid!, 'SIGKILL');
    await waitFor('supervisor gone', () => Promise.resolve(pidAlive(s.supervisorPid!) ? undefined : true));
    assert.ok(!existsSync(gone.stateDir), 'the state dir was not recreated');
  });

  it('gives up after repeated exit 78 (config error) and says why', async () => {
    const broken = specFor(home, 'broken', 29600);
    await installSupervised(broken);
    writeFileSync(broken.envFile, 'FAKE_EXIT_CODE=78\n');
    const started = await startSupervisor(broken.stateDir);
    const done = await waitFor('supervisor gives up', async () => {
      const s = await supervisorStatus(broken.stateDir);
      return s.phase === 'gave-up' && !s.running ? s : undefined;
    });
    assert.equal(done.restarts, 2);
    assert.equal(done.lastExit?.code, 78);
    assert.match(done.reason ?? '', /exited with 78 \(config error\) 3 times in a row/);
    // It removes its pid file just before exiting; the process itself ends right after.
    if (started.supervisorPid !== undefined) await waitFor('supervisor exit', () => Promise.resolve(pidAlive(started.supervisorPid!) ? undefined : true));
    await uninstallSupervised(broken);
  });

  it('restart of a supervisor that ends instead of restarting (it gave up just then): a new one starts the gateway', async () => {
    const late = specFor(home, 'late', 29700);
    await installSupervised(late);
    // The pid file names a live process that ends on SIGHUP without starting anything, as a supervisor
    // does when the SIGHUP lands after it gave up on exit 78 and left its loop.
    const ending = spawn('sleep', ['60'], { stdio: 'ignore' });
    await new Promise((r) => ending.once('spawn', r));
    mkdirSync(join(late.stateDir, 'service'), { recursive: true });
    writeFileSync(join(late.stateDir, 'service', 'supervisor.pid'), JSON.stringify({ pid: ending.pid, startTicks: processStartTicks(ending.pid!), acquiredAt: Date.now() }));
    assert.equal((await supervisorStatus(late.stateDir)).running, true);
    const restarted = await restartSupervised(late.stateDir);
    assert.equal(ending.signalCode ?? (await new Promise((r) => ending.once('exit', (_c, sig) => r(sig)))), 'SIGHUP');
    assert.ok(restarted.running && restarted.pid !== undefined, JSON.stringify(restarted));
    assert.notEqual(restarted.supervisorPid, ending.pid);
    await waitFor('late healthy', () => health(late.port));
    await stopSupervisor(late.stateDir);
    await uninstallSupervised(late);
  });
});
