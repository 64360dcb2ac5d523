import type { BrowserStatus } from '@clawport/browser/client';
import { BrowserCommand, browserProfileFlag } from '../../lib/browser/browser-command.js';

export default class BrowserStop extends BrowserCommand<typeof BrowserStop> {
  static override description = 'Stop a browser profile: close the Chromium this gateway launched (a remote one is only detached)';
  static override examples = ['<%= config.bin %> --profile rescue browser stop', '<%= config.bin %> browser stop --browser-profile work'];
  static override enableJsonFlag = true;
  static override flags = {
    'browser-profile': browserProfileFlag,
  };

  public async run(): Promise<BrowserStatus> {
    const { ctx, result: s } = await this.browser<BrowserStatus>('POST', '/stop', this.profileBody());
    this.log(`${ctx.instance.name} browser profile ${s.profile}: stopped`);
    return s;
  }
}
