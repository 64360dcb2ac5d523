import { profileQuery, type TabsResult } from '@clawport/browser/client';
import { BrowserCommand, browserProfileFlag } from '../../lib/browser/browser-command.js';

export default class BrowserTabs extends BrowserCommand<typeof BrowserTabs> {
  static override description = 'List the open tabs of a browser profile (id, title, URL)';
  static override examples = ['<%= config.bin %> --profile rescue browser tabs', '<%= config.bin %> browser tabs --browser-profile work --json'];
  static override enableJsonFlag = true;
  static override flags = {
    'browser-profile': browserProfileFlag,
  };

  public async run(): Promise<TabsResult> {
    const { ctx, result: r } = await this.browser<TabsResult>('GET', `/tabs${profileQuery(this.flags['browser-profile'])}`);
    if (!r.running) this.log(`${ctx.instance.name} browser profile ${r.profile}: not running`);
    else this.table([{ header: 'id' }, { header: 'title' }, { header: 'url' }], r.tabs.map((t) => [t.id, t.title, t.url]));
    return r;
  }
}
