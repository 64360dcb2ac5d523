import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import type { InstanceStatus } from '../lib/status/instance-status.js';
import { HOST_STATUS_READ, hostStatus, targetStatus } from '../lib/status/status-report.js';
import { hostStatusText, statusText } from '../lib/status/status-text.js';

export default class Status extends BaseCommand<typeof Status> {
  static override description =
    'Show a profile: config path, state dir, workspace, every port with its state, gateway health (WebSocket probe), pid and uptime. --all: every instance on this host.';
  static override examples = [
    '<%= config.bin %> --profile main status',
    '<%= config.bin %> --profile rescue status --json',
    '<%= config.bin %> status --all',
  ];
  static override flags = {
    all: Flags.boolean({ description: 'Every instance on this host, in one table' }),
  };
  static override enableJsonFlag = true;

  // The work and the text live in lib/status (free of oclif): src/read-entry.ts runs the same for a plain `status`.
  public async run(): Promise<InstanceStatus | InstanceStatus[]> {
    if (this.flags.all) {
      const all = await hostStatus(await this.readHost(HOST_STATUS_READ), (w) => this.warning(w));
      this.log(hostStatusText(all));
      return all;
    }
    const status = await targetStatus(await this.loadInstance(), (o) => this.readHost(o), (w) => this.warning(w));
    this.log(statusText(status));
    return status;
  }
}
