import { Args, Flags } from '@oclif/core';
import { browserRequest, type TabInfo } from '@clawport/browser/client';
import { BaseCommand } from '../../base-command.js';

export default class BrowserOpen extends BaseCommand<typeof BrowserOpen> {
  static override description = 'Open a URL in a new tab of a browser profile (starts the profile when needed)';
  static override examples = ['<%= config.bin %> --profile rescue browser open https://example.com', '<%= config.bin %> browser open http://127.0.0.1:8080/ --browser-profile work'];
  static override enableJsonFlag = true;
  static override args = { url: Args.string({ description: 'http(s) URL, or about:blank', required: true }) };
  static override flags = {
    'browser-profile': Flags.string({ description: 'Browser profile (default: browser.defaultProfile, else openclaw)' }),
  };

  public async run(): Promise<TabInfo & { profile: string }> {
    const ctx = await this.loadInstance();
    const client = await this.connectGateway(ctx);
    let tab: TabInfo & { profile: string };
    try {
      const profile = this.flags['browser-profile'];
      tab = await browserRequest<TabInfo & { profile: string }>(client, 'POST', '/tabs/open', {
        url: this.args.url,
        ...(profile === undefined ? {} : { profile }),
      });
    } finally {
      await client.close();
    }
    this.log(`${ctx.instance.name} browser profile ${tab.profile}: opened tab ${tab.id} ${tab.title ? `"${tab.title}" ` : ''}${tab.url}`);
    return tab;
  }
}
