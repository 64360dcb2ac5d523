import { Args } from '@oclif/core';
import type { TabInfo } from '@clawport/browser/client';
import { BrowserCommand, browserProfileFlag } from '../../lib/browser/browser-command.js';

export default class BrowserOpen extends BrowserCommand<typeof BrowserOpen> {
  static override description = 'Open a URL in a new tab of a browser profile (starts the profile when needed)';
  static override examples = ['<%= config.bin %> --profile rescue browser open https://example.com', '<%= config.bin %> browser open http://127.0.0.1:8080/ --browser-profile work'];
  static override enableJsonFlag = true;
  static override args = { url: Args.string({ description: 'http(s) URL, or about:blank', required: true }) };
  static override flags = {
    'browser-profile': browserProfileFlag,
  };

  public async run(): Promise<TabInfo & { profile: string }> {
    const { ctx, result: tab } = await this.browser<TabInfo & { profile: string }>('POST', '/tabs/open', { url: this.args.url, ...this.profileBody() });
    this.log(`${ctx.instance.name} browser profile ${tab.profile}: opened tab ${tab.id} ${tab.title ? `"${tab.title}" ` : ''}${tab.url}`);
    return tab;
  }
}
