import type { BrowserStatus } from '@clawport/browser/client';
import { BrowserCommand, browserProfileFlag } from '../../lib/browser/browser-command.js';

export default class BrowserStart extends BrowserCommand<typeof BrowserStart> {
  static override description =
    "Start a browser profile: launch the system Chromium on the profile's CDP port (loopback), or attach to its remote cdpUrl";
  static override examples = [
    '<%= config.bin %> --profile rescue browser start',
    '<%= config.bin %> --profile rescue browser start --browser-profile work',
  ];
  static override enableJsonFlag = true;
  static override flags = {
    'browser-profile': browserProfileFlag,
  };

  public async run(): Promise<BrowserStatus> {
    const { ctx, result: s } = await this.browser<BrowserStatus>('POST', '/start', this.profileBody());
    const where = s.cdpUrl ?? `127.0.0.1:${s.cdpPort}`;
    this.log(`${ctx.instance.name} browser profile ${s.profile}: running${s.pid !== undefined ? ` (pid ${s.pid})` : ''}, CDP ${where}, ${s.version ?? ''}`.trimEnd());
    return s;
  }
}
