import type { BrowserProfileInfo } from '@clawport/browser/client';
import { BrowserCommand } from '../../lib/browser/browser-command.js';

export default class BrowserProfiles extends BrowserCommand<typeof BrowserProfiles> {
  static override description = 'List the browser profiles of the instance with their CDP port or remote URL';
  static override examples = ['<%= config.bin %> --profile rescue browser profiles', '<%= config.bin %> browser profiles --json'];
  static override enableJsonFlag = true;

  public async run(): Promise<BrowserProfileInfo[]> {
    const { profiles } = (await this.browser<{ profiles: BrowserProfileInfo[] }>('GET', '/profiles')).result;
    this.table(
      [{ header: 'name' }, { header: 'kind' }, { header: 'cdp' }, { header: 'state' }],
      profiles.map((p) => [
        `${p.name}${p.isDefault ? ' (default)' : ''}`,
        p.kind,
        p.cdpUrl ?? (p.cdpPort !== undefined ? String(p.cdpPort) : 'on start'),
        p.running ? this.paint('green', 'running') : 'stopped',
      ]),
    );
    return profiles;
  }
}
