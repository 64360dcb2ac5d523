import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '@oclif/core';
import { captureOutput } from '@oclif/test';
import { describeError } from '../../../src/lib/shared/errors.js';

/** The CLI package: oclif loads its commands from here (under NODE_ENV=test, from src/ through tsx). */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface InProcessResult<T> {
  stdout: string;
  stderr: string;
  /** What run() returned (a read command's typed result). */
  result?: T;
  /** What the CLI's main() would exit with: 0, or the exit code of the error's class. */
  exitCode: number;
  /** The one line main() would print on stderr for the error (`error: … (suggestion)`). */
  line?: string;
  error?: Error;
}

/**
 * Runs one command inside this process, as @oclif/test's runCommand does (oclif's run() inside
 * captureOutput) but with argv kept as given: runCommand joins and re-splits it on spaces, so
 * `--profile "a b"` would arrive as two arguments. Runs as `clawport …args` would under
 * OPENCLAW_HOME=home: no child process, no bin, no manifest. The environment is the test's for the
 * duration only (no OPENCLAW_* of the developer's shell leaks in), and process.exitCode is restored.
 */
export async function inProcess<T = unknown>(args: readonly string[], home: string, env: Record<string, string> = {}): Promise<InProcessResult<T>> {
  const saved = { ...process.env };
  const exitCode = process.exitCode;
  for (const k of Object.keys(process.env)) if (k.startsWith('OPENCLAW_')) delete process.env[k];
  Object.assign(process.env, { OPENCLAW_HOME: home, FORCE_COLOR: '0' }, env);
  try {
    const r = await captureOutput<T>(() => run([...args], { root: ROOT }));
    if (r.error) {
      const d = describeError(r.error);
      return { stdout: r.stdout, stderr: r.stderr, error: r.error, exitCode: d.exitCode, line: d.line };
    }
    return { stdout: r.stdout, stderr: r.stderr, result: r.result, exitCode: typeof process.exitCode === 'number' ? process.exitCode : 0 };
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    process.exitCode = exitCode;
  }
}

export async function tempHome(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'clawport-unit-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
