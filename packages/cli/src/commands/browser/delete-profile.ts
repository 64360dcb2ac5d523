import { Args } from '@oclif/core';
import { browserRequest } from '@clawport/browser/client';
import { BaseCommand } from '../../base-command.js';

export default class BrowserDeleteProfile extends BaseCommand<typeof BrowserDeleteProfile> {
  static override description = 'Delete a browser profile from openclaw.json (stops it first; its user-data dir is kept)';
  static override examples = ['<%= config.bin %> --profile rescue browser delete-profile work'];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ description: 'Browser profile name', required: true }) };

  public async run(): Promise<{ deleted: string; userDataDir: string }> {
    const ctx = await this.loadInstance();
    const client = await this.connectGateway(ctx);
    let r: { deleted: string; userDataDir: string };
    try {
      r = await browserRequest<{ deleted: string; userDataDir: string }>(client, 'DELETE', `/profiles/${encodeURIComponent(this.args.name)}`);
    } finally {
      await client.close();
    }
    this.log(`${ctx.instance.name}: deleted browser profile ${r.deleted} (user data kept in ${r.userDataDir})`);
    return r;
  }
}
