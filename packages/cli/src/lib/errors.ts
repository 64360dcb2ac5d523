import { ClawportError } from '@clawport/core';

/** oclif's own errors (parse errors, `this.exit()`) carry their exit code here. */
interface OclifLike {
  code?: string;
  oclif?: { exit?: number };
}

/** Several lines of an oclif message (`Nonexistent flag: --x\nSee more help with --help`) as one line. */
export function oneLine(message: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length <= 1) return lines[0] ?? '';
  const [first, ...rest] = lines;
  return `${first} (${rest.join('; ')})`;
}

export interface DescribedError {
  /** The single line for stderr, or undefined when nothing must be printed (`this.exit(n)`). */
  line?: string;
  exitCode: number;
  /** Stable shape for `--json` output. */
  json: { code: string; message: string; suggestion?: string; exitCode: number };
}

/**
 * Maps anything thrown to one line and an exit code: typed core errors keep their own code
 * (2 usage, 1 failure, 78 config); oclif usage errors exit 2; anything else is a bug and exits 1.
 */
export function describeError(err: unknown): DescribedError {
  if (err instanceof ClawportError) {
    return {
      line: `error: ${err.toLine()}`,
      exitCode: err.exitCode,
      json: { code: err.code, message: err.message, suggestion: err.suggestion, exitCode: err.exitCode },
    };
  }
  const o = (err ?? {}) as OclifLike & { message?: string };
  const message = oneLine(typeof o.message === 'string' ? o.message : String(err));
  if (o.code === 'EEXIT') {
    const exitCode = o.oclif?.exit ?? 0;
    return { exitCode, json: { code: 'EXIT', message: '', exitCode } };
  }
  if (o.oclif?.exit !== undefined) {
    const exitCode = o.oclif.exit;
    return { line: `error: ${message}`, exitCode, json: { code: 'USAGE', message, exitCode } };
  }
  return { line: `error: ${message}`, exitCode: 1, json: { code: 'INTERNAL', message, exitCode: 1 } };
}

/** Prints the error's line on stderr (stack only with OPENCLAW_DEBUG=1) and returns its exit code. */
export function reportError(err: unknown): number {
  const d = describeError(err);
  if (d.line) process.stderr.write(`${d.line}\n`);
  if (process.env.OPENCLAW_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return d.exitCode;
}
