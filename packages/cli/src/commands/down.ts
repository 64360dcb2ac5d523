import { homedir } from 'node:os';
import { Args, Flags } from '@oclif/core';
import { UsageError, parseProfileName, resolveInstancePaths, type InstancePaths } from '@clawport/core';
import { isRecordedProcess, readRuntime, readServiceManifest, recordStopIntent, signalRecordedProcess } from '@clawport/core/node';
import { BaseCommand } from '../base-command.js';
import { instanceDespiteConfig, serviceContext } from '../lib/gateway/service-command.js';

export interface DownEntry {
  name: string;
  /** pid that was asked to stop; absent when the profile was not running. */
  pid?: number;
  wasRunning: boolean;
  stopped: boolean;
  /** The installed service stopped with it (its backend), so nothing restarts the gateway. */
  service?: string;
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
    'Stop the running gateways of the named profiles and keep them stopped: through the installed service when there is one (as gateway stop), else SIGTERM to the pid in their runtime file; waits for a clean exit';
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
        const live = rt && isRecordedProcess(rt) ? rt : undefined;
        const manifest = await readServiceManifest({ stateDir: paths.stateDir }).catch(() => undefined);
        if (!rt && !manifest) return { name, wasRunning: false, stopped: true };
        // Recorded before anything stops, so a watcher sees a stop on purpose, not an incident.
        await recordStopIntent(paths.stateDir, 'clawport down', live?.pid);
        // Under an installed service (the built-in supervisor, systemd, …) a signalled gateway is simply
        // restarted: down means stopped, so the service is stopped, as `gateway stop` does (also when
        // it is between two starts of its gateway).
        const service = manifest ? await this.stopService(paths, manifest.backend) : undefined;
        const via = service ? { service } : {};
        if (!live) return { name, wasRunning: false, stopped: true, ...via };
        // A gateway run outside its service (a terminal, `up`) is still there: signal it.
        if (isRecordedProcess(live)) signalRecordedProcess(live, 'SIGTERM');
        return { name, pid: live.pid, wasRunning: true, stopped: await waitForExit(live, this.flags.timeout * 1000), ...via };
      }),
    );
    for (const e of entries) {
      if (!e.wasRunning) this.log(`${e.name}: not running${e.service ? ` (its ${e.service} service is stopped)` : ''}`);
      else if (e.stopped) this.log(`${e.name}: stopped (pid ${e.pid})${e.service ? ` with its ${e.service} service; start both again: clawport --profile ${e.name} gateway start` : ''}`);
      else this.log(this.paint('red', `${e.name}: pid ${e.pid} is still running after ${this.flags.timeout}s`));
    }
    if (entries.some((e) => !e.stopped)) process.exitCode = 1;
    return entries;
  }

  /**
   * Stops the profile's installed service, if any; its backend when it did. A service that cannot be
   * stopped (its manager is gone) is said in one warning, and the gateway is signalled as without one.
   */
  private async stopService(paths: InstancePaths, backend: string): Promise<string | undefined> {
    const { instance } = await instanceDespiteConfig(paths);
    const { stopProfileService } = await import('@clawport/gateway');
    try {
      await stopProfileService(serviceContext(instance, this.config.root));
      return backend;
    } catch (e) {
      this.warning(`${instance.name}: could not stop its ${backend} service (${(e as Error).message}); it may start the gateway again`);
      return undefined;
    }
  }
}
