import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { instanceSelection } from '@clawport/core';

/** One gateway child of `clawport up`. */
export interface Member {
  name: string;
  child: ChildProcess;
  /** Set once the child exited: its code, or 128+signal number semantics via `signal`. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  /** True once we asked it to stop (Ctrl-C): a clean exit then is not a failure. */
  stopping: boolean;
}

/** The plan for one child: `clawport [--profile P] gateway`, the instance selected by core's one rule (inherited selectors removed). */
export function gatewayChildPlan(bin: string, profile: string, env: NodeJS.ProcessEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  const selection = instanceSelection({ profile });
  const childEnv = { ...env };
  for (const [k, v] of Object.entries(selection.env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  return { command: process.execPath, args: [bin, ...selection.args, 'gateway'], env: childEnv };
}

/**
 * A gateway log line (JSON) as `level msg key=value…`, anything else unchanged. Returns undefined for
 * debug/info log lines unless `all` is set: the live status already says what they would.
 */
export function formatChildLine(line: string, all = false): string | undefined {
  if (!line.startsWith('{')) return line;
  try {
    const { ts: _ts, level, msg, instance: _i, ...rest } = JSON.parse(line) as Record<string, unknown>;
    if (!all && (level === 'debug' || level === 'info')) return undefined;
    const fields = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${typeof level === 'string' ? level : 'info'} ${typeof msg === 'string' ? msg : JSON.stringify(msg ?? '')}${fields ? ` ${fields}` : ''}`;
  } catch {
    return line;
  }
}

/** Starts a child and prefixes every line it prints with its name. */
export function startMember(
  name: string,
  plan: ReturnType<typeof gatewayChildPlan>,
  print: (line: string) => void,
  allLogs = false,
): Member {
  // Own process group: a terminal's Ctrl-C reaches only `up`, which then stops each child exactly once
  // (a gateway that gets a second signal exits without cleanup).
  const child = spawn(plan.command, plan.args, { env: plan.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const member: Member = { name, child, stopping: false };
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      const shown = formatChildLine(line, allLogs);
      if (shown !== undefined) print(`[${name}] ${shown}`);
    });
  }
  child.on('exit', (code, signal) => {
    member.exit = { code, signal };
  });
  return member;
}

/** Resolves when the child has exited (immediately if it already has). */
export function exited(member: Member): Promise<void> {
  if (member.exit || member.child.exitCode !== null || member.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => member.child.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL after graceMs: every child is gone when this resolves. */
export async function stopMember(member: Member, graceMs = 10_000): Promise<void> {
  member.stopping = true;
  if (member.exit) return;
  member.child.kill('SIGTERM');
  const timer = setTimeout(() => member.child.kill('SIGKILL'), graceMs);
  await exited(member);
  clearTimeout(timer);
}

/**
 * A member failed when it exited non-zero, or was killed by a signal we did not send. A clean exit 0
 * (someone ran `clawport down`) is not a failure.
 */
export function failed(member: Member): boolean {
  if (!member.exit) return false;
  if (member.exit.signal !== null) return !member.stopping;
  return member.exit.code !== 0;
}
