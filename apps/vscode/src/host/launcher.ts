import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayError, LOGS_DIR } from '@clawport/core';
import { isRecordedProcess, listListeners, readRuntime, recordStopIntent } from '@clawport/core/node';
import type { LaunchPlan } from '../model/launch-plan.js';
import { probeHealthz } from './health-probe.js';
import { failureLine } from './log-files.js';

/** Where a gateway started from the editor writes its stdout/stderr. */
export const consoleLogPath = (stateDir: string) => join(stateDir, LOGS_DIR, 'gateway.console.log');

export function planEnv(plan: LaunchPlan, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const [k, v] of Object.entries(plan.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs a plan detached from the editor (it outlives a window reload), output appended to logFile. */
export function spawnDetached(plan: LaunchPlan, logFile: string, cwd: string): ChildProcess {
  mkdirSync(join(logFile, '..'), { recursive: true, mode: 0o700 });
  const fd = openSync(logFile, 'a', 0o600);
  try {
    const child = spawn(plan.command, plan.args, { cwd, env: planEnv(plan), detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    return child;
  } finally {
    closeSync(fd);
  }
}

/** Runs a plan to completion (service start/stop); rejects with its output's last lines on a non-zero exit. */
export function runPlan(plan: LaunchPlan, cwd: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(plan.command, plan.args, { cwd, env: planEnv(plan), stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', (e) => reject(new GatewayError(`${plan.command} could not run: ${e.message}`, 'check the clawport.nodePath and clawport.cliPath settings')));
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new GatewayError(`${[plan.command, ...plan.args].join(' ')} exited with ${code}: ${out.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the instance's gateway wrote its runtime file and answers /healthz. Fails early, with the
 * log's last lines, when the child we started exits first (a port conflict, a broken config).
 */
export async function waitUntilRunning(stateDir: string, opts: { timeoutMs?: number; child?: ChildProcess; logFile?: string } = {}): Promise<number> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let exited: number | null | undefined;
  opts.child?.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    const rt = await readRuntime(stateDir);
    if (rt && (await probeHealthz(rt.base))) return rt.pid;
    if (exited !== undefined) {
      const tail = opts.logFile ? await failureLine(opts.logFile) : '';
      throw new GatewayError(`gateway exited with code ${exited} before it was ready${tail ? `: ${tail}` : ''}`, 'open its logs for details');
    }
    await sleep(150);
  }
  throw new GatewayError(`gateway for ${stateDir} did not become ready in ${Math.round((opts.timeoutMs ?? 30_000) / 1000)} s`, 'open its logs');
}

/** Signals the gateway recorded in the runtime file and waits until it is gone. */
export async function stopByPid(stateDir: string, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<number | undefined> {
  const rt = await readRuntime(stateDir);
  // Only the process that wrote the file (pid + start time): a reused pid is another program.
  if (!rt || !isRecordedProcess(rt)) return undefined;
  // A person stopped it: recorded first, so a rescue watching it opens no incident (issue 14).
  await recordStopIntent(stateDir, signal === 'SIGKILL' ? 'the editor (Kill Gateway)' : 'the editor (Stop Gateway)', rt.pid);
  try {
    process.kill(rt.pid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw new GatewayError(`cannot signal pid ${rt.pid}: ${(e as Error).message}`);
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRecordedProcess(rt)) {
      await portsReleased(rt.ports.map((p) => p.start), deadline);
      return rt.pid;
    }
    await sleep(100);
  }
  throw new GatewayError(`gateway pid ${rt.pid} did not exit within ${timeoutMs / 1000} s after ${signal}`, 'use Kill Gateway');
}

/**
 * After SIGKILL the thread-group leader can read as a zombie while its other threads still hold the
 * process's sockets for a moment; "stopped" means the ports are free, so wait for the socket table.
 */
async function portsReleased(ports: number[], deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const listeners = await listListeners();
    if (!listeners || !listeners.some((l) => ports.includes(l.port))) return;
    await sleep(50);
  }
}
