import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real bin, as users run it. Commands load from dist: `npm test` builds first. */
export const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without any OPENCLAW_* (a developer's shell must not leak into tests). */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENCLAW_')) env[k] = v;
  // A test that asks for colour gets it: an inherited NO_COLOR (set around `npm test` by nx when
  // FORCE_COLOR=0) beats FORCE_COLOR in oclif's colour library.
  if (extra.FORCE_COLOR !== undefined && extra.FORCE_COLOR !== '0') delete env.NO_COLOR;
  return { ...env, OPENCLAW_HOME: home, FORCE_COLOR: '0', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', ...extra };
}

/** Runs `openclaw …args` to completion (in `cwd`, default this process's). */
export function runCli(args: readonly string[], home: string, extra: Record<string, string> = {}, cwd?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(home, extra), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a read command with --json and parses stdout. */
export async function runJson<T>(args: readonly string[], home: string, extra: Record<string, string> = {}): Promise<{ result: T; run: CliResult }> {
  const run = await runCli([...args, '--json'], home, extra);
  let result: T;
  try {
    result = JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
  }
  return { result, run };
}

export async function makeHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'clawport-cli-'));
}

export async function removeHome(home: string): Promise<void> {
  await rm(home, { recursive: true, force: true });
}

/** Every file and dir under root with its content (files) or mode (dirs): "nothing written" compares two of these. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        out[path] = `dir ${(await stat(path)).mode & 0o777}`;
        await walk(path);
      } else out[path] = await readFile(path, 'utf8');
    }
  }
  await walk(root);
  return out;
}

/** A long-running `openclaw … gateway` (or `up`) child with its output collected. */
export interface LiveProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM (or the given signal) and wait; safe to call twice. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startCli(args: readonly string[], home: string, extra: Record<string, string> = {}): LiveProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(home, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
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

/** Polls until check() is truthy; fails loudly with the last output when it never is. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, output?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${output ? `\n--- output ---\n${output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `openclaw <profile args> gateway …` and waits until its runtime file exists. */
export async function startGateway(args: readonly string[], home: string, stateDir: string, extra: Record<string, string> = {}): Promise<LiveProcess> {
  const p = startCli(args, home, extra);
  await waitFor(
    `gateway ${args.join(' ')} to write its runtime file`,
    async () => {
      if (p.child.exitCode !== null) throw new Error(`gateway exited with ${p.child.exitCode}:\n${p.output()}`);
      return stat(join(stateDir, 'gateway.runtime.json')).then(() => true, () => false);
    },
    20_000,
    p.output,
  );
  return p;
}

/**
 * A block of `size` ports inside this suite's range (23000–24999) with no listener right now, from a
 * random start: two runs of the suite at once (several engineers share the machine) rarely collide.
 */
export async function freeBlock(size: number, lo = 23000, hi = 24999): Promise<number> {
  const { listListeners } = await import('@clawport/core/node');
  const slots = Math.floor((hi - lo + 1 - size) / 50) + 1;
  const first = Math.floor(Math.random() * slots);
  for (let i = 0; i < slots; i++) {
    const base = lo + ((first + i) % slots) * 50;
    const busy = ((await listListeners()) ?? []).some((l) => l.port >= base && l.port < base + size);
    if (!busy) return base;
  }
  throw new Error(`no free block of ${size} ports in ${lo}–${hi}`);
}
