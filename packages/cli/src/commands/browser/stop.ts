import { Flags } from '@oclif/core';
import { browserRequest, type BrowserStatus } from '@clawport/browser/client';
import { BaseCommand } from '../../base-command.js';

export default class BrowserStop extends BaseCommand<typeof BrowserStop> {
  static override description = 'Stop a browser profile: close the Chromium this gateway launched (a remote one is only detached)';
  static override examples = ['<%= config.bin %> --profile rescue browser stop', '<%= config.bin %> browser stop --browser-profile work'];
  static override enableJsonFlag = true;
  static override flags = {
    'browser-profile': Flags.string({ description: 'Browser profile (default: browser.defaultProfile, else openclaw)' }),
  };

  public async run(): Promise<BrowserStatus> {
    const ctx = await this.loadInstance();
    const client = await this.connectGateway(ctx);
    let s: BrowserStatus;
    try {
      const profile = this.flags['browser-profile'];
      s = await browserRequest<BrowserStatus>(client, 'POST', '/stop', profile === undefined ? {} : { profile });
    } finally {
      await client.close();
    }
    this.log(`${ctx.instance.name} browser profile ${s.profile}: stopped`);
    return s;
  }
}
