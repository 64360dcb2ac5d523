import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LOGS_DIR } from '@clawport/core';

/** Log files of an instance, newest first. */
export async function listLogFiles(stateDir: string): Promise<Array<{ path: string; mtimeMs: number }>> {
  const dir = join(stateDir, LOGS_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = await Promise.all(
    names.filter((n) => /\.(log|jsonl)(\.\d+)?$/.test(n)).map(async (n) => ({ path: join(dir, n), mtimeMs: (await stat(join(dir, n))).mtimeMs })),
  );
  return files.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/** Reads bytes [from, size) of a file; returns the text and the new offset (restarts at 0 after truncation/rotation). */
export async function readFrom(path: string, from: number): Promise<{ text: string; next: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = size < from ? 0 : from;
    if (size === start) return { text: '', next: start };
    const buf = Buffer.alloc(size - start);
    await handle.read(buf, 0, buf.length, start);
    return { text: buf.toString('utf8'), next: size };
  } finally {
    await handle.close();
  }
}

/** The last n non-empty lines of a file, joined with ` | ` (for one-line error messages). */
export async function lastLines(path: string, n: number): Promise<string> {
  try {
    const { text } = await readFrom(path, 0);
    return text.trim().split('\n').filter(Boolean).slice(-n).join(' | ');
  } catch {
    return '';
  }
}

/** The line that says why a gateway quit: the last `error:` line of its output, else the last line. */
export async function failureLine(path: string): Promise<string> {
  try {
    const lines = (await readFrom(path, 0)).text.trim().split('\n').filter(Boolean);
    return [...lines].reverse().find((l) => /^error:|"level":"error"/.test(l)) ?? lines[lines.length - 1] ?? '';
  } catch {
    return '';
  }
}
