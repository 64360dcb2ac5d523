import { spawn } from 'node:child_process';
import type { Incident } from '@clawport/core';
import type { GatewayLogger } from '../log/logger.js';

/**
 * `watch.onIncident`: runs the user's command with the incident as JSON on stdin. Fire and forget: the
 * watcher never waits for it; a command that outlives its time is killed; every failure is logged.
 * Resolves once the command is done (for HookQueue), never rejects.
 */
export function runIncidentHook(hook: { command: string[]; timeoutMs: number } | undefined, incident: Incident, log: GatewayLogger): Promise<void> {
  if (!hook) return Promise.resolve();
  const [program, ...args] = hook.command;
  const fields = { incident: incident.id, target: incident.target, command: program };
  let child;
  try {
    child = spawn(program, args, { stdio: ['pipe', 'ignore', 'pipe'], timeout: hook.timeoutMs, killSignal: 'SIGKILL' });
  } catch (e) {
    log.warn('watch.onIncident could not start', { ...fields, error: (e as Error).message });
    return Promise.resolve();
  }
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-500)));
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${JSON.stringify(incident)}\n`);
  child.once('error', (e) => log.warn('watch.onIncident could not start', { ...fields, error: e.message }));
  return new Promise<void>((resolve) => {
    child.once('error', () => resolve());
    child.once('exit', (code, signal) => {
      if (signal) log.warn('watch.onIncident was stopped', { ...fields, signal, timeoutMs: hook.timeoutMs });
      else if (code !== 0) log.warn('watch.onIncident failed', { ...fields, code, stderr: stderr.trim() });
      resolve();
    });
  });
}

/**
 * The hook calls of one watcher, one after another in the order the incident changed (open, acting,
 * resolved): run concurrently, a slow first call delivered `open` after `resolved`. The watcher only
 * pushes; it never waits for the queue.
 */
export class HookQueue {
  private tail: Promise<void> = Promise.resolve();

  push(hook: { command: string[]; timeoutMs: number } | undefined, incident: Incident, log: GatewayLogger): Promise<void> {
    if (!hook) return this.tail;
    // A copy: the watcher keeps changing the incident object while earlier calls wait their turn.
    const snapshot = JSON.parse(JSON.stringify(incident)) as Incident;
    this.tail = this.tail.then(() => runIncidentHook(hook, snapshot, log));
    return this.tail;
  }
}
