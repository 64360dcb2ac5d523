import { execFile } from 'node:child_process';
import type { CommandPlan } from '../../services/plans.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one plan. The CLI passes the real one; dry runs pass a recorder. */
export interface CommandRunner {
  run(plan: CommandPlan): Promise<CommandResult>;
}

/**
 * Spawns without a shell (arguments are never re-parsed), with the plan's env over the current one.
 * A missing binary is a result (code 127), not an exception, so callers report it like any failure.
 */
export function execRunner(timeoutMs = 30_000): CommandRunner {
  return {
    run: (plan) =>
      new Promise((resolve) => {
        execFile(
          plan.command,
          plan.args,
          { env: plan.env ? { ...process.env, ...plan.env } : process.env, timeout: timeoutMs, encoding: 'utf8', windowsHide: true },
          (error, stdout, stderr) => {
            if (!error) return resolve({ code: 0, stdout, stderr });
            const e = error as NodeJS.ErrnoException & { code?: string | number };
            if (e.code === 'ENOENT') return resolve({ code: 127, stdout, stderr: `${plan.command}: command not found` });
            resolve({ code: typeof e.code === 'number' ? e.code : 1, stdout, stderr: stderr || e.message });
          },
        );
      }),
  };
}

/** Records what would run and pretends it worked: `--dry-run`. */
export class RecordingRunner implements CommandRunner {
  readonly commands: CommandPlan[] = [];
  run(plan: CommandPlan): Promise<CommandResult> {
    this.commands.push(plan);
    return Promise.resolve({ code: 0, stdout: '', stderr: '' });
  }
}
