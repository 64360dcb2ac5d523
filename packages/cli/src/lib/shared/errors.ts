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

/**
 * oclif's "Missing 1 required arg:\nvalue  Value; parsed as JSON5…\nSee more help with --help" names each
 * arg with its whole description: keep the names only, so the line says what is missing and stays short.
 */
function missingArgsLine(message: string): string | undefined {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (!/^Missing \d+ required args?:?$/.test(lines[0] ?? '')) return undefined;
  const names = lines.slice(1).filter((l) => !/^See more help/i.test(l)).map((l) => l.split(/\s{2,}/)[0]);
  return `${lines[0].replace(/:?$/, ':')} ${names.join(', ')} (see --help)`;
}

/** Set once an error went to stdout as JSON (BaseCommand.catch), so main() does not print it twice. */
let jsonErrorPrinted = false;
export function markJsonErrorPrinted(): void {
  jsonErrorPrinted = true;
}

/** True when `--json` stands in argv before `--`: the caller wants every outcome, errors too, as JSON. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
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
    // oclif wraps what a flag's parse throws (flags.ts) as `Parsing --port \n\t<message>\nSee more help with --help`.
    const message = /^Parsing --\S+ \n\t([\s\S]*)\nSee more help with --help$/.exec(err.message)?.[1] ?? err.message;
    return {
      line: `error: ${err.suggestion ? `${message} (${err.suggestion})` : message}`,
      exitCode: err.exitCode,
      json: { code: err.code, message, suggestion: err.suggestion, exitCode: err.exitCode },
    };
  }
  const o = (err ?? {}) as OclifLike & { message?: string };
  const raw = typeof o.message === 'string' ? o.message : String(err);
  const message = missingArgsLine(raw) ?? oneLine(raw);
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

/**
 * Prints the error's line on stderr (stack only with OPENCLAW_DEBUG=1) and returns its exit code. With
 * `--json` in argv the error also goes to stdout as `{error:{…}}` unless a command already printed it:
 * errors raised before oclif parses (a bad --profile) or by a command without --json keep the contract.
 */
export function reportError(err: unknown, argv: readonly string[] = []): number {
  const d = describeError(err);
  if (d.line && wantsJson(argv) && !jsonErrorPrinted) process.stdout.write(`${JSON.stringify({ error: d.json }, null, 2)}\n`);
  if (d.line) process.stderr.write(`${d.line}\n`);
  if (process.env.OPENCLAW_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return d.exitCode;
}
