import { colourEnabled, paint } from './style.js';

const printed = new Set<string>();

/** One `warning:` line on stderr, each distinct line once per process. */
export function printWarning(line: string): void {
  if (printed.has(line)) return;
  printed.add(line);
  process.stderr.write(`${paint('yellow', 'warning:', colourEnabled(process.stderr))} ${line}\n`);
}
