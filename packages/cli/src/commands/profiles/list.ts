import { homedir } from 'node:os';
import { discoverInstances } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';

/** One instance as `profiles list --json` prints it. */
export interface ProfileEntry {
  name: string;
  profile: string;
  stateDir: string;
  configPath: string;
  workspace: string;
  base: number;
  running: boolean;
  pid?: number;
  registered: boolean;
  configError?: string;
}

export default class ProfilesList extends BaseCommand<typeof ProfilesList> {
  static override description = 'List every instance on this host: ~/.openclaw, ~/.openclaw-*, and registered custom paths';
  static override examples = ['<%= config.bin %> profiles list', '<%= config.bin %> profiles list --json'];
  static override enableJsonFlag = true;

  public async run(): Promise<ProfileEntry[]> {
    const found = await discoverInstances({ env: process.env, osHome: homedir() });
    const entries: ProfileEntry[] = found.map((d) => ({
      name: d.instance.name,
      profile: d.instance.profile,
      stateDir: d.instance.stateDir,
      configPath: d.instance.configPath,
      workspace: d.instance.workspace,
      base: d.instance.port,
      running: d.runtime !== undefined,
      ...(d.runtime ? { pid: d.runtime.pid } : {}),
      registered: d.registered,
      ...(d.configError ? { configError: d.configError.message } : {}),
    }));
    if (entries.length === 0) this.log('no instances yet: run openclaw setup (or openclaw --profile NAME setup)');
    else
      this.table(
        [{ header: 'name' }, { header: 'base', align: 'right' }, { header: 'state' }, { header: 'state dir' }],
        entries.map((e) => [
          e.name,
          String(e.base),
          e.configError ? this.paint('red', 'config error') : e.running ? this.paint('green', `running (pid ${e.pid})`) : 'stopped',
          e.stateDir,
        ]),
      );
    return entries;
  }
}
