import { Flags } from '@oclif/core';
import { browserRequest, type BrowserStatus } from '@clawport/browser/client';
import { BaseCommand } from '../../base-command.js';

export default class BrowserStart extends BaseCommand<typeof BrowserStart> {
  static override description =
    "Start a browser profile: launch the system Chromium on the profile's CDP port (loopback), or attach to its remote cdpUrl";
  static override examples = [
    '<%= config.bin %> --profile rescue browser start',
    '<%= config.bin %> --profile rescue browser start --browser-profile work',
  ];
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
      s = await browserRequest<BrowserStatus>(client, 'POST', '/start', profile === undefined ? {} : { profile });
    } finally {
      await client.close();
    }
    const where = s.cdpUrl ?? `127.0.0.1:${s.cdpPort}`;
    this.log(`${ctx.instance.name} browser profile ${s.profile}: running${s.pid !== undefined ? ` (pid ${s.pid})` : ''}, CDP ${where}, ${s.version ?? ''}`.trimEnd());
    return s;
  }
}
