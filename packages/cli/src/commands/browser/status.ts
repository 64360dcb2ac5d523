import { profileQuery, type BrowserStatus } from '@clawport/browser/client';
import { BrowserCommand, browserProfileFlag } from '../../lib/browser/browser-command.js';

export default class BrowserStatusCommand extends BrowserCommand<typeof BrowserStatusCommand> {
  static override description = "Show a browser profile of the instance: running, CDP port or URL, pid, Chrome version, tabs, user-data dir";
  static override examples = [
    '<%= config.bin %> --profile rescue browser status',
    '<%= config.bin %> browser status --browser-profile work --json',
  ];
  static override enableJsonFlag = true;
  static override flags = {
    'browser-profile': browserProfileFlag,
  };

  public async run(): Promise<BrowserStatus> {
    const { ctx, result: s } = await this.browser<BrowserStatus>('GET', `/${profileQuery(this.flags['browser-profile'])}`);
    const state = s.running
      ? this.paint('green', `running${s.pid !== undefined ? ` (pid ${s.pid})` : ''}`)
      : this.paint('yellow', 'not running');
    this.log(`${ctx.instance.name} browser profile ${s.profile} (${s.kind}): ${state}`);
    const rows: Array<[string, string | number | undefined]> = [
      ['control', `127.0.0.1:${s.controlPort}`],
      ['cdp', s.cdpUrl ?? (s.cdpPort !== undefined ? `127.0.0.1:${s.cdpPort}` : 'allocated on start')],
      ['version', s.version],
      ['tabs', s.running ? s.tabs : undefined],
      ['headless', String(s.headless)],
      ['user data', s.userDataDir],
      ['executable', s.executable],
    ];
    this.table(
      [{ header: 'field' }, { header: 'value' }],
      rows.filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]),
    );
    if (s.note) this.warning(s.note);
    return s;
  }
}
