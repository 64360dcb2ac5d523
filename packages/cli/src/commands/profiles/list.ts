import { configProblem } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { range } from '../../lib/shared/style.js';
import type { InstanceSummary } from '../../lib/status/instance-status.js';

/** One instance as `profiles list --json` prints it. */
export interface ProfileEntry extends InstanceSummary {
  /** First and last port of the whole footprint; absent when the config is broken or refused (no running gateway says its ports). */
  footprint?: { start: number; end: number };
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
    const host = await this.readHost();
    const entries: ProfileEntry[] = host.instances
      // A config the gateway refuses (broken, or ports past 65535) has no footprint to show: never a partial one.
      .map((i) => ({ d: i.discovered, claims: i.footprint?.claims ?? [], problem: configProblem(i) }))
      .map(({ d, claims, problem }) => ({
        name: d.instance.name,
        profile: d.instance.profile,
        stateDir: d.instance.stateDir,
        configPath: d.instance.configPath,
        workspace: d.instance.workspace,
        base: d.instance.port,
        ...(claims.length > 0
          ? { footprint: { start: Math.min(...claims.map((c) => c.start)), end: Math.max(...claims.map((c) => c.end)) } }
          : {}),
        running: d.runtime !== undefined,
        ...(d.runtime ? { pid: d.runtime.pid } : {}),
        registered: d.registered,
        ...(problem ? { configError: problem.message } : {}),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.length === 0) this.log('no instances yet: run clawport setup (or clawport --profile NAME setup)');
    else
      this.table(
        [{ header: 'name' }, { header: 'base', align: 'right' }, { header: 'ports', align: 'right' }, { header: 'state' }, { header: 'state dir' }],
        entries.map((e) => [
          e.name,
          String(e.base),
          e.footprint ? range(e.footprint.start, e.footprint.end) : '-',
          e.configError ? this.paint('red', 'config error') : e.running ? this.paint('green', `running (pid ${e.pid})`) : 'stopped',
          e.stateDir,
        ]),
      );
    return entries;
  }
}
