import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real `openclaw` bin as users run it (commands load from packages/cli/dist: the suite builds first). */
export const BIN = fileURLToPath(new URL('../../../../packages/cli/bin/run.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without OPENCLAW_* (a developer's shell must not leak in), plus this home. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENCLAW_')) env[k] = v;
  return { ...env, OPENCLAW_HOME: home, FORCE_COLOR: '0', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', ...extra };
}

/** Runs `openclaw …args` to completion. */
export function runCli(args: readonly string[], home: string, extra: Record<string, string> = {}): Promise<CliResult> {
  return runCommand(process.execPath, [BIN, ...args], cleanEnv(home, extra));
}

/** Runs any command to completion, collecting its output. */
export function runCommand(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Asserts a run succeeded, showing its output when it did not. */
export function ok(r: CliResult, what: string): CliResult {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

/** A long-running child (gateway) with its output collected. */
export interface LiveProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (or the signal given) and wait for the exit; safe to call twice. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCommand(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): LiveProcess {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function startCli(args: readonly string[], home: string, extra: Record<string, string> = {}): LiveProcess {
  return startCommand(process.execPath, [BIN, ...args], cleanEnv(home, extra));
}

export async function makeHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'clawport-rel-'));
}

export async function removeHome(home: string): Promise<void> {
  await rm(home, { recursive: true, force: true });
}

/** Polls until check() is truthy; fails loudly (with output) when it never is. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, output?: () => string, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${output ? `\n--- output ---\n${output()}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The one-line error contract: exactly one non-empty stderr line starting `error:`, and no stack trace. */
export function oneLineError(r: CliResult): string {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('warning:'));
  if (lines.length !== 1 || !lines[0].startsWith('error: ') || /\n\s+at /.test(r.stderr)) {
    throw new Error(`expected one "error: …" line on stderr (exit ${r.code}), got:\n${r.stderr}`);
  }
  return lines[0];
}

/**
 * A long-lived CLI that runs many argv's in one process (fixtures/cli-batch.mjs: the CLI's own main(),
 * as bin/run.js calls it), for property tests with hundreds of cases. Close it when done.
 */
export function cliBatch(home: string, extra: Record<string, string> = {}): { run(args: readonly string[]): Promise<CliResult>; close(): Promise<void> } {
  const driver = fileURLToPath(new URL('../fixtures/cli-batch.mjs', import.meta.url));
  const child = spawn(process.execPath, [driver], { env: cleanEnv(home, extra), stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<{ resolve: (r: CliResult) => void; reject: (e: Error) => void }> = [];
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    buffered += d;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiting.shift()?.resolve(JSON.parse(line) as CliResult);
    }
  });
  const exited = new Promise<void>((r) =>
    child.on('exit', (code, signal) => {
      // A run in flight when the driver dies fails loudly instead of waiting forever.
      for (const w of waiting.splice(0)) w.reject(new Error(`cli-batch exited (${signal ?? `code ${code}`}) during a run`));
      r();
    }),
  );
  // One run at a time: the CLI's process state (exit code, lifted flags) is per run.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run: (args) => {
      const next = queue.then(
        () =>
          new Promise<CliResult>((resolve, reject) => {
            if (child.exitCode !== null) return reject(new Error(`cli-batch exited with ${child.exitCode}`));
            waiting.push({ resolve, reject });
            child.stdin.write(`${JSON.stringify(args)}\n`);
          }),
      );
      queue = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
