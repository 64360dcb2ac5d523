import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { once } from 'node:events';

/** packages/core: children run with `node --import tsx` from here so they load the TypeScript sources. */
export const CORE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(CORE_DIR, 'test', 'node', 'fixtures');

export interface Child {
  proc: ChildProcess;
  /** Resolves with the first stdout line that satisfies the predicate (or rejects when the child exits first). */
  waitForLine(match: (line: string) => boolean): Promise<string>;
  /** Everything written to stderr so far, for failure messages. */
  stderr(): string;
  /** Resolves with the exit code (or signal name) once the child has exited. */
  exited: Promise<number | string>;
}

/** Runs a fixture script (TypeScript) in a real child process. */
export function spawnFixture(script: string, args: string[] = []): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, script), ...args], {
    cwd: CORE_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let out = '';
  let err = '';
  const waiters: Array<{ match: (l: string) => boolean; resolve: (l: string) => void; reject: (e: Error) => void }> = [];
  const lines: string[] = [];
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    let nl: number;
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(proc, 'exit').then(([code, signal]) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`${script} exited (${String(code ?? signal)}) before the expected line; stderr: ${err}`));
    return (code as number | null) ?? (signal as string);
  });
  return {
    proc,
    exited,
    stderr: () => err,
    waitForLine: (match) => {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.reject(new Error(`${script} already exited; stderr: ${err}`));
      return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
    },
  };
}

/** Kills a child if it still runs and waits for it, so no test leaves a process behind. */
export async function reap(child: Child): Promise<void> {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  await child.exited;
}
