import { homedir } from 'node:os';
import { Args, Flags } from '@oclif/core';
import { UsageError, parseProfileName, resolveInstancePaths } from '@clawport/core';
import { isRecordedProcess, readRuntime, recordStopIntent, signalRecordedProcess } from '@clawport/core/node';
import { BaseCommand } from '../base-command.js';

export interface DownEntry {
  name: string;
  /** pid that was asked to stop; absent when the profile was not running. */
  pid?: number;
  wasRunning: boolean;
  stopped: boolean;
}

/** Polls until the recorded process (pid + start time) is gone or the deadline passes. */
async function waitForExit(rec: { pid: number; startTicks?: number }, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRecordedProcess(rec)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isRecordedProcess(rec);
}

export default class Down extends BaseCommand<typeof Down> {
  static override description =
    'Stop the running gateways of the named profiles (SIGTERM to the pid in their runtime file, then wait for a clean exit)';
  static override examples = ['<%= config.bin %> down main rescue', '<%= config.bin %> --profile rescue down'];
  static override strict = false;
  static override args = { profiles: Args.string({ description: 'Profiles to stop (default: the --profile one)' }) };
  static override flags = {
    timeout: Flags.integer({ description: 'Seconds to wait for each gateway to exit', default: 10, min: 1 }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<DownEntry[]> {
    const raw = this.positionals;
    const fromFlag = this.profileFlag();
    const names = raw.length > 0 ? raw.map((r) => parseProfileName(r, 'profile')) : fromFlag ? [fromFlag] : [];
    if (names.length === 0) throw new UsageError('name at least one profile', 'for example: clawport down main rescue');
    const entries = await Promise.all(
      names.map(async (name): Promise<DownEntry> => {
        const paths = resolveInstancePaths({ profile: name }, process.env, homedir());
        const rt = await readRuntime(paths.stateDir);
        // A stale runtime file whose pid now runs another process (no or another start time) is not
        // that instance's gateway: it is never signalled.
        if (!rt) return { name, wasRunning: false, stopped: true };
        // Recorded before the signal, so a watcher sees a stop on purpose, not an incident.
        await recordStopIntent(paths.stateDir, 'clawport down', rt.pid);
        if (!signalRecordedProcess(rt, 'SIGTERM')) return { name, wasRunning: false, stopped: true };
        return { name, pid: rt.pid, wasRunning: true, stopped: await waitForExit(rt, this.flags.timeout * 1000) };
      }),
    );
    for (const e of entries) {
      if (!e.wasRunning) this.log(`${e.name}: not running`);
      else if (e.stopped) this.log(`${e.name}: stopped (pid ${e.pid})`);
      else this.log(this.paint('red', `${e.name}: pid ${e.pid} is still running after ${this.flags.timeout}s`));
    }
    if (entries.some((e) => !e.stopped)) process.exitCode = 1;
    return entries;
  }
}
