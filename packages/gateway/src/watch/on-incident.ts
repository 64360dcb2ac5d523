import { spawn } from 'node:child_process';
import type { Incident } from '@clawport/core';
import type { GatewayLogger } from '../log/logger.js';

/**
 * `watch.onIncident`: runs the user's command with the incident as JSON on stdin. Fire and forget: the
 * watcher never waits for it; a command that outlives its time is killed; every failure is logged.
 */
export function runIncidentHook(hook: { command: string[]; timeoutMs: number } | undefined, incident: Incident, log: GatewayLogger): void {
  if (!hook) return;
  const [program, ...args] = hook.command;
  const fields = { incident: incident.id, target: incident.target, command: program };
  let child;
  try {
    child = spawn(program, args, { stdio: ['pipe', 'ignore', 'pipe'], timeout: hook.timeoutMs, killSignal: 'SIGKILL' });
  } catch (e) {
    log.warn('watch.onIncident could not start', { ...fields, error: (e as Error).message });
    return;
  }
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-500)));
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${JSON.stringify(incident)}\n`);
  child.once('error', (e) => log.warn('watch.onIncident could not start', { ...fields, error: e.message }));
  child.once('exit', (code, signal) => {
    if (signal) log.warn('watch.onIncident was stopped', { ...fields, signal, timeoutMs: hook.timeoutMs });
    else if (code !== 0) log.warn('watch.onIncident failed', { ...fields, code, stderr: stderr.trim() });
  });
}
