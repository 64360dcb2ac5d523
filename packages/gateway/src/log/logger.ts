import { closeSync, constants, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginLogger } from '@clawport/core';
import { redactSecrets, redactUrlPassword, scrubText } from '@clawport/core';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  dir: string;
  file?: string;
  level?: LogLevel;
  maxFileBytes?: number;
  maxFiles?: number;
  /** Literal secrets (the token) scrubbed from every line wherever they appear. */
  secrets: string[];
  /** Fields on every line, e.g. the instance name. */
  base?: Record<string, unknown>;
  /** Foreground runs also show each line here (stderr). */
  echo?: (line: string) => void;
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 5;

/**
 * JSON-lines logger for `<state>/logs/gateway.log`, rotated by size (gateway.log → .1 → .2 …).
 * Writes are synchronous on purpose: a line logged just before a crash or SIGTERM is on disk, and
 * the gateway logs little. Every line is redacted by key and scrubbed of the token text.
 */
export class GatewayLogger implements PluginLogger {
  readonly path: string;
  private size = 0;
  private readonly level: number;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;

  constructor(private readonly o: LoggerOptions, private readonly fields: Record<string, unknown> = {}) {
    this.path = join(o.dir, o.file ?? 'gateway.log');
    this.level = RANK[o.level ?? 'info'];
    this.maxFileBytes = o.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxFiles = o.maxFiles ?? DEFAULT_MAX_FILES;
    try {
      this.size = statSync(this.path).size;
    } catch {
      this.size = 0;
    }
  }

  /** A logger writing to the same file with extra fields (e.g. `{plugin: 'canvas'}`). */
  child(fields: Record<string, unknown>): GatewayLogger {
    const c = new GatewayLogger(this.o, { ...this.fields, ...fields });
    return c;
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    if (RANK[level] < this.level) return;
    const record = { ts: new Date().toISOString(), level, msg: redactUrlPassword(msg), ...this.o.base, ...this.fields, ...(redactSecrets(fields ?? {}) as object) };
    const line = `${scrubText(JSON.stringify(record), this.o.secrets)}\n`;
    try {
      this.rotateIfNeeded(Buffer.byteLength(line));
      // O_NOFOLLOW: a log path swapped for a symlink is not appended through (the line is dropped).
      const fd = openSync(this.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
      try {
        writeSync(fd, line);
      } finally {
        closeSync(fd);
      }
      this.size += Buffer.byteLength(line);
    } catch {
      // A full disk must not take the gateway down; the echo below still shows the line.
    }
    this.o.echo?.(line.trimEnd());
  }

  private dirReady = false;

  private rotateIfNeeded(incoming: number): void {
    // Created on the first line, so a refused start leaves no new directory behind.
    if (!this.dirReady) {
      mkdirSync(this.o.dir, { recursive: true, mode: 0o700 });
      this.dirReady = true;
    }
    // Another logger (a child) may have appended: trust the file, not only our counter.
    try {
      this.size = statSync(this.path).size;
    } catch {
      this.size = 0;
    }
    if (this.size === 0 || this.size + incoming <= this.maxFileBytes) return;
    rmSync(`${this.path}.${this.maxFiles}`, { force: true });
    for (let i = this.maxFiles - 1; i >= 1; i--) {
      try {
        renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      } catch {
        // missing generation: nothing to move
      }
    }
    renameSync(this.path, `${this.path}.1`);
    if (this.maxFiles < 1) rmSync(`${this.path}.1`, { force: true });
    this.size = 0;
    // A fresh file (O_EXCL: never through a link someone placed in the meantime), mode 0600.
    closeSync(openSync(this.path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600));
  }
}
