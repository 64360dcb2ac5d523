import { Args } from '@oclif/core';
import { BrowserCommand } from '../../lib/browser/browser-command.js';

export default class BrowserDeleteProfile extends BrowserCommand<typeof BrowserDeleteProfile> {
  static override description = 'Delete a browser profile from openclaw.json (stops it first; its user-data dir is kept)';
  static override examples = ['<%= config.bin %> --profile rescue browser delete-profile work'];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ description: 'Browser profile name', required: true }) };

  public async run(): Promise<{ deleted: string; userDataDir: string }> {
    const { ctx, result: r } = await this.browser<{ deleted: string; userDataDir: string }>('DELETE', `/profiles/${encodeURIComponent(this.args.name)}`);
    this.log(`${ctx.instance.name}: deleted browser profile ${r.deleted} (user data kept in ${r.userDataDir})`);
    return r;
  }
}
