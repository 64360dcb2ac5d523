import * as vscode from 'vscode';
import { DEFAULT_ENGINE, engineReadyLimitMs } from '@clawport/core';
import { consoleLogPath, runPlan, spawnDetached, stopByPid, waitUntilRunning } from '../host/launcher.js';
import { gatewayPlan, servicePlan, type CliLocation } from '../model/launch-plan.js';
import type { InstanceSnapshot } from '../model/snapshot.js';
import type { StartMode } from './settings.js';

/** Terminals we opened per state dir, so Stop can close the one running a foreground gateway. */
const terminals = new Map<string, vscode.Terminal>();

export interface LifecycleContext {
  cli: CliLocation;
  cwd: string;
  mode: StartMode;
  log: (line: string) => void;
}

/**
 * Starts a gateway: through its installed service, else as a supervised background process of ours
 * (detached, output in <state>/logs/gateway.console.log) or in an integrated terminal, per setting.
 * Resolves once the runtime file exists and /healthz answers; returns the gateway pid.
 */
export async function startInstance(s: InstanceSnapshot, ctx: LifecycleContext): Promise<number> {
  // As long as the engine may take (upstream OpenClaw: minutes on a loaded machine), as the CLI waits.
  const timeoutMs = engineReadyLimitMs(s.engine?.id ?? DEFAULT_ENGINE);
  if (s.service.installed) {
    ctx.log(`${s.name}: starting through ${s.service.backend}`);
    await runPlan(servicePlan(s, ctx.cli, 'start'), ctx.cwd);
    return waitUntilRunning(s.stateDir, { timeoutMs });
  }
  const plan = gatewayPlan(s, ctx.cli);
  if (ctx.mode === 'terminal') {
    const env: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(plan.env)) env[k] = v ?? null;
    terminals.get(s.stateDir)?.dispose();
    const term = vscode.window.createTerminal({ name: `gateway ${s.name}`, shellPath: plan.command, shellArgs: plan.args, env, cwd: ctx.cwd });
    terminals.set(s.stateDir, term);
    term.show(true);
    ctx.log(`${s.name}: started in terminal: ${[plan.command, ...plan.args].join(' ')}`);
    return waitUntilRunning(s.stateDir, { timeoutMs });
  }
  const logFile = consoleLogPath(s.stateDir);
  const child = spawnDetached(plan, logFile, ctx.cwd);
  ctx.log(`${s.name}: spawned pid ${child.pid}: ${[plan.command, ...plan.args].join(' ')} (log ${logFile})`);
  return waitUntilRunning(s.stateDir, { child, logFile, timeoutMs });
}

/** Stops a gateway: through its service, else SIGTERM to the pid in its runtime file (and waits for exit). */
export async function stopInstance(s: InstanceSnapshot, ctx: LifecycleContext, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (s.service.installed && signal === 'SIGTERM') {
    ctx.log(`${s.name}: stopping through ${s.service.backend}`);
    await runPlan(servicePlan(s, ctx.cli, 'stop'), ctx.cwd);
  } else {
    const pid = await stopByPid(s.stateDir, signal);
    ctx.log(`${s.name}: ${pid === undefined ? 'was not running' : `pid ${pid} ended (${signal})`}`);
  }
  const term = terminals.get(s.stateDir);
  if (term) {
    terminals.delete(s.stateDir);
    term.dispose();
  }
}
