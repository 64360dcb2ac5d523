import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import {
  ClawportError,
  formatRange,
  openclawEngineManifest,
  openclawStartPlan,
  type LocatedOpenclaw,
  type OpenClawConfig,
  type ResolvedInstance,
  type RuntimeInfo,
} from '@clawport/core';
import { clearStopIntent, isProcessAlive, isRecordedProcess, listListeners, processStartTicks, removeRuntime, signalRecordedProcess, writeRuntime } from '@clawport/core/node';
import { RUNTIME_FILE, engineReadyLimitMs, parseRuntimeInfo } from '@clawport/core';
import { join } from 'node:path';
import { describePortOwner } from '../startup/owner.js';
import { acquireStateLock } from '../startup/lock.js';
import { conflict, preflight } from '../startup/preflight.js';
import { resolveToken } from '../startup/auth-policy.js';

export interface OpenclawRunOptions {
  instance: ResolvedInstance;
  config: OpenClawConfig;
  located: LocatedOpenclaw;
  /** `--token`; else gateway.auth.token (upstream's own), else the profile's token file. */
  token?: string;
  out(line: string): void;
  err(line: string): void;
  /**
   * How long upstream may take to answer /readyz: ~8–11 s on an idle machine, but minutes on a loaded
   * one (2026.9.6 needed 100–180 s at load 30 on 2 cores). Stopping it sooner makes a service restart
   * it into the same wait forever, so the default only guards against a hang.
   */
  readyLimitMs?: number;
}

function readyz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz', timeout: 1000, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** A gateway left running by a Clawport process that was killed (-9): its runtime file names it. */
async function reapOrphan(stateDir: string, out: (l: string) => void): Promise<void> {
  let rt: RuntimeInfo | undefined;
  try {
    rt = parseRuntimeInfo(JSON.parse(await readFile(join(stateDir, RUNTIME_FILE), 'utf8')));
  } catch {
    return;
  }
  if (!rt || rt.engine !== 'openclaw' || !rt.enginePid || isProcessAlive(rt.pid)) return;
  // Only the very process we started (pid + start time), never whatever reuses its pid now.
  const engine = { pid: rt.enginePid, ...(rt.engineStartTicks !== undefined ? { startTicks: rt.engineStartTicks } : {}) };
  if (!isRecordedProcess(engine)) return;
  out(`stopping the openclaw gateway (pid ${rt.enginePid}) its killed Clawport process left behind`);
  signalRecordedProcess(engine, 'SIGTERM');
  for (let i = 0; i < 150 && isRecordedProcess(engine); i++) await new Promise((r) => setTimeout(r, 100));
  signalRecordedProcess(engine, 'SIGKILL');
  await removeRuntime(stateDir);
}

/**
 * Runs upstream OpenClaw's gateway for an instance, in the foreground, as the built-in gateway runs:
 * state-dir lock, the whole footprint B…B+110 proven free before start (any listener in it refuses),
 * upstream started by the engine's plan, progress while it gets ready, then the runtime file (our pid,
 * upstream's pid, its version) that status, doctor and the editor read. Signals are passed on; when
 * upstream exits, the runtime file and lock go and its exit code is returned, so `up`, every service
 * backend and the built-in supervisor treat both engines alike.
 */
export async function runOpenclawForeground(o: OpenclawRunOptions): Promise<number> {
  const { instance, config, located } = o;
  const limit = o.readyLimitMs ?? engineReadyLimitMs('openclaw');
  // From the lock on: the preflight before upstream starts and its stop past the limit come on top.
  const lock = await acquireStateLock(instance, { readyLimitMs: limit + 30_000 });
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await removeRuntime(instance.stateDir);
    await lock.release();
  };
  try {
    await reapOrphan(instance.stateDir, (l) => o.out(l));
    const checked = await preflight(instance, config, [openclawEngineManifest]);
    const listeners = (await listListeners()) ?? [];
    for (const claim of checked.footprint.claims) {
      const held = listeners.find((l) => l.port >= claim.start && l.port <= claim.end);
      if (held) throw conflict(instance, claim, held.port, await describePortOwner(held.port, checked.others, held.inode));
    }
    const token = await resolveToken(instance.stateDir, config, o.token);
    const plan = openclawStartPlan(instance, located, token, process.env, config as { gateway?: { mode?: unknown } });
    const started = Date.now();
    const child = spawn(plan.command, plan.args, { env: plan.env, stdio: ['ignore', 'inherit', 'inherit'] });
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const exited = new Promise<void>((resolve) => {
      child.on('exit', (code, signal) => {
        exit = { code, signal };
        resolve();
      });
      child.on('error', (e) => {
        o.err(`error: cannot start ${plan.command}: ${e.message}`);
        exit = { code: 1, signal: null };
        resolve();
      });
    });
    let stopping = false;
    const onSignal = (sig: NodeJS.Signals) => {
      if (stopping) {
        child.kill('SIGKILL');
        return;
      }
      stopping = true;
      o.out(`${sig}: stopping openclaw gateway ${instance.name}`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const url = `ws://127.0.0.1:${instance.port}/`;
      o.out(`starting openclaw ${located.version ?? ''} gateway ${instance.name} (pid ${child.pid}) on ${url}; it takes a few seconds`.replace('  ', ' '));
      let nextNote = 2000;
      while (!exit && !stopping) {
        if (await readyz(instance.port)) break;
        const waited = Date.now() - started;
        if (waited > limit) {
          o.err(`error: openclaw gateway ${instance.name} not ready after ${Math.round(waited / 1000)} s; stopping it`);
          onSignal('SIGTERM');
          break;
        }
        if (waited >= nextNote) {
          o.out(`waiting for openclaw gateway ${instance.name}: ${Math.round(waited / 1000)} s`);
          nextNote += 2000;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      if (!exit && !stopping) {
        const ports = checked.footprint.claims.map((c) => ({ id: c.id, role: c.role, owner: c.owner, start: c.start, end: c.end, host: '127.0.0.1' }));
        const startTicks = processStartTicks(process.pid);
        const engineStartTicks = child.pid ? processStartTicks(child.pid) : undefined;
        await writeRuntime(instance.stateDir, {
          pid: process.pid,
          ...(startTicks !== undefined ? { startTicks } : {}),
          ...(engineStartTicks !== undefined ? { engineStartTicks } : {}),
          profile: instance.profile,
          name: instance.name,
          version: located.version ?? 'unknown',
          startedAt: started,
          host: '127.0.0.1',
          base: instance.port,
          ports,
          configPath: instance.configPath,
          stateDir: instance.stateDir,
          engine: 'openclaw',
          enginePid: child.pid,
        });
        // Running again ends a stop on purpose (as the built-in gateway does when ready).
        await clearStopIntent(instance.stateDir);
        o.out(`gateway ${instance.name} (openclaw ${located.version ?? ''}, pid ${child.pid}) ready on ${url} after ${((Date.now() - started) / 1000).toFixed(1)} s — ${ports.map((p) => `${p.role} ${formatRange(p.start, p.end)}`).join(', ')}`);
      }
      await exited;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    await release();
    const e = exit!;
    if (stopping) return e.code === 0 || e.signal === 'SIGTERM' ? 0 : (e.code ?? 1);
    o.err(`error: openclaw gateway ${instance.name} exited ${e.signal ? `on ${e.signal}` : `with code ${e.code}`}`);
    return e.code === 0 ? 1 : (e.code ?? 1);
  } catch (e) {
    await release();
    if (e instanceof ClawportError) {
      o.err(`error: ${e.toLine()}`);
      return e.exitCode;
    }
    throw e;
  }
}
