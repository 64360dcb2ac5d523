import { watch, type FSWatcher } from 'node:fs';
import * as vscode from 'vscode';
import { readFrom } from '../host/log-files.js';
import { formatLogChunk } from '../model/log-line.js';

/**
 * Shows the tail of a log file in an output channel (Log language: coloured by level and time) and keeps
 * appending what the gateway writes, each JSON line made readable (model/log-line.ts).
 */
export class LogFollower implements vscode.Disposable {
  readonly channel: vscode.OutputChannel;
  private offset = 0;
  private watcher: FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  private reading = Promise.resolve();
  /** An unfinished last line, completed by the next read. */
  private rest = '';
  /** What the channel shows (last 256 KiB): the channel itself cannot be read back. */
  seen = '';

  constructor(name: string, private file: string, private readonly instance?: string) {
    this.channel = vscode.window.createOutputChannel(name, 'log');
  }

  /** Starts (or retargets) following; the first read shows at most the last 64 KiB. */
  async follow(file: string): Promise<void> {
    this.file = file;
    this.stopWatching();
    this.channel.clear();
    this.seen = '';
    this.rest = '';
    const { next } = await readFrom(file, 0).catch(() => ({ next: 0 }));
    this.offset = Math.max(0, next - 64 * 1024);
    await this.readMore();
    try {
      this.watcher = watch(file, { persistent: false }, () => this.schedule());
    } catch {
      /* the file may not exist yet: the poll below picks it up */
    }
    // rotation replaces the file under the watcher: a slow poll catches what the watcher misses
    this.poll = setInterval(() => this.schedule(), 2000);
  }

  private schedule(): void {
    this.reading = this.reading.then(() => this.readMore());
  }

  private async readMore(): Promise<void> {
    try {
      const { text, next } = await readFrom(this.file, this.offset);
      this.offset = next;
      if (text) {
        const out = formatLogChunk(this.rest + text, this.instance);
        this.rest = out.rest;
        if (out.text) {
          this.channel.append(out.text);
          this.seen = (this.seen + out.text).slice(-256 * 1024);
        }
      }
    } catch {
      /* not there (yet) */
    }
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
  }

  dispose(): void {
    this.stopWatching();
    this.channel.dispose();
  }
}
