import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseEnvFile, type SupervisorRecord } from '@clawport/core';
import { processStartTicks, tryLock } from '@clawport/core/node';
import { backoffDelay } from './backoff.js';
import { readRecord, supervisorPaths, writeState, type SupervisorState } from './files.js';

const LOG_ROTATE_BYTES = 5 * 1024 * 1024;

/** Appends one timestamped line; rotates once to `.1` past 5 MiB so a crash loop cannot fill the disk. */
function logLine(file: string, message: string): void {
  try {
    if (statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
  try {
    appendFileSync(file, `${new Date().toISOString()} ${message}\n`, { mode: 0o600 });
  } catch {
    // A log that cannot be written (state dir removed under us) must not stop the supervisor.
  }
}

function readEnvFile(path: string): Record<string, string> {
  try {
    return parseEnvFile(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
}

/** Kills the gateway's whole process group (it may have started a browser), tolerating a gone one. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * The supervisor's main loop, run inside the detached supervisor process: start the gateway, wait for
 * it to exit, restart it with exponential back-off; give up after `maxConfigExits` exits with 78 in a
 * row (config error: restarting cannot help). SIGTERM/SIGINT stop the gateway and then the supervisor;
 * SIGHUP restarts the gateway at once. Returns the supervisor's exit code.
 */
export async function runSupervisor(stateDir: string): Promise<number> {
  const paths = supervisorPaths(stateDir);
  mkdirSync(dirname(paths.log), { recursive: true, mode: 0o700 });
  const initial: SupervisorRecord | undefined = await readRecord(stateDir);
  if (!initial) {
    logLine(paths.log, `no supervisor record at ${paths.record}; nothing to run`);
    return 1;
  }
  let record: SupervisorRecord = initial;
  // The pid file is an exclusive lock: two `gateway start` at once must not give two supervisors.
  const got = await tryLock(paths.pid, { profile: initial.profile });
  if ('holder' in got) {
    logLine(paths.log, `another supervisor (pid ${got.holder.pid}) already runs for ${stateDir}; exiting`);
    return 0;
  }
  const state: SupervisorState = { phase: 'starting', supervisorPid: process.pid, restarts: 0, startedAt: new Date().toISOString() };
  let stopping = false;
  let restartNow = false;
  let childPid: number | undefined;
  let wake: (() => void) | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  // Writes are chained so a late one never lands after a newer snapshot.
  let writes: Promise<void> = Promise.resolve();
  const save = () => {
    const snapshot = { ...state };
    writes = writes.then(() => writeState(stateDir, snapshot)).catch(() => undefined);
    return writes;
  };

  const stopChild = (signal: NodeJS.Signals) => {
    if (childPid === undefined) return;
    killGroup(childPid, signal);
    // A stopped (SIGSTOP) gateway handles SIGTERM only once continued: a hung one still gets SIGKILL below.
    killGroup(childPid, 'SIGCONT');
    const pid = childPid;
    killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), 10_000);
  };
  const onStop = (signal: string) => {
    logLine(paths.log, `received ${signal}: stopping the gateway${childPid ? ` (pid ${childPid})` : ''}`);
    stopping = true;
    state.phase = 'stopping';
    stopChild('SIGTERM');
    wake?.();
  };
  // Whatever goes wrong in here, the gateway must not outlive its supervisor unnoticed.
  process.on('uncaughtException', (e) => {
    logLine(paths.log, `supervisor failed: ${e.stack ?? e.message}`);
    if (childPid !== undefined) killGroup(childPid, 'SIGTERM');
    process.exit(1);
  });
  process.on('SIGTERM', () => onStop('SIGTERM'));
  process.on('SIGINT', () => onStop('SIGINT'));
  process.on('SIGHUP', () => {
    logLine(paths.log, 'received SIGHUP: restarting the gateway');
    restartNow = true;
    stopChild('SIGTERM');
    wake?.();
  });

  logLine(paths.log, `supervisor pid ${process.pid} for profile ${record.profile} (port ${record.port}): ${record.command} ${record.args.join(' ')}`);
  let attempt = 0;
  let configExits = 0;
  let first = true;
  while (!stopping) {
    // Re-read on every start, so `gateway install` + `gateway restart` apply a changed record. Uninstalled
    // (or the state dir removed) under a running supervisor: stop instead of recreating it.
    const latest = existsSync(paths.record) ? await readRecord(stateDir).catch(() => undefined) : undefined;
    if (!latest) {
      logLine(paths.log, `service record ${paths.record} is gone or unreadable; stopping`);
      break;
    }
    record = latest;
    if (!first) state.restarts++;
    first = false;
    // Only the record's explicit environment plus the 0600 env file: nothing inherited by accident.
    const env = { HOME: process.env.HOME ?? record.stateDir, ...readEnvFile(record.envFile), ...record.env };
    mkdirSync(dirname(record.logFile), { recursive: true, mode: 0o700 });
    const out = openSync(record.logFile, 'a', 0o600);
    const startedAt = Date.now();
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(record.command, record.args, { env, cwd: record.stateDir, detached: true, stdio: ['ignore', out, out] });
      child.once('error', (e) => {
        logLine(paths.log, `cannot start the gateway: ${e.message}`);
        resolve({ code: 127, signal: null });
      });
      child.once('exit', (code, signal) => resolve({ code, signal }));
      if (child.pid !== undefined) {
        childPid = child.pid;
        state.phase = 'running';
        state.gatewayPid = child.pid;
        state.gatewayStartedAt = new Date(startedAt).toISOString();
        state.nextStartAt = undefined;
        state.gatewayStartTicks = processStartTicks(child.pid);
        void save();
        logLine(paths.log, `gateway started, pid ${child.pid}`);
      }
    });
    closeSync(out);
    clearTimeout(killTimer);
    childPid = undefined;
    state.gatewayPid = undefined;
    state.gatewayStartTicks = undefined;
    state.lastExit = { code: exit.code, signal: exit.signal, at: new Date().toISOString() };
    logLine(paths.log, `gateway exited (${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}) after ${Date.now() - startedAt} ms`);
    if (stopping) break;
    if (restartNow) {
      restartNow = false;
      attempt = 0;
      continue;
    }
    configExits = exit.code === 78 ? configExits + 1 : 0;
    if (configExits >= record.maxConfigExits) {
      state.phase = 'gave-up';
      state.reason = `the gateway exited with 78 (config error) ${configExits} times in a row; fix the config (clawport config validate), then start again`;
      logLine(paths.log, state.reason);
      break;
    }
    if (Date.now() - startedAt >= record.backoff.resetAfterMs) attempt = 0;
    attempt++;
    const delay = backoffDelay(record.backoff, attempt);
    state.phase = 'backoff';
    state.nextStartAt = new Date(Date.now() + delay).toISOString();
    await save();
    logLine(paths.log, `restarting in ${delay} ms (attempt ${attempt})`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = undefined;
    restartNow = false;
  }
  if (state.phase !== 'gave-up') state.phase = 'stopped';
  state.nextStartAt = undefined;
  await save();
  await got.lock.release();
  logLine(paths.log, `supervisor stopped (${state.phase})`);
  return 0;
}
