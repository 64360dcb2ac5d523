import { Flags } from '@oclif/core';
import { browserRequest, profileQuery, type TabsResult } from '@clawport/browser/client';
import { BaseCommand } from '../../base-command.js';

export default class BrowserTabs extends BaseCommand<typeof BrowserTabs> {
  static override description = 'List the open tabs of a browser profile (id, title, URL)';
  static override examples = ['<%= config.bin %> --profile rescue browser tabs', '<%= config.bin %> browser tabs --browser-profile work --json'];
  static override enableJsonFlag = true;
  static override flags = {
    'browser-profile': Flags.string({ description: 'Browser profile (default: browser.defaultProfile, else openclaw)' }),
  };

  public async run(): Promise<TabsResult> {
    const ctx = await this.loadInstance();
    const client = await this.connectGateway(ctx);
    let r: TabsResult;
    try {
      r = await browserRequest<TabsResult>(client, 'GET', `/tabs${profileQuery(this.flags['browser-profile'])}`);
    } finally {
      await client.close();
    }
    if (!r.running) this.log(`${ctx.instance.name} browser profile ${r.profile}: not running`);
    else this.table([{ header: 'id' }, { header: 'title' }, { header: 'url' }], r.tabs.map((t) => [t.id, t.title, t.url]));
    return r;
  }
}
