import { Args, Flags } from '@oclif/core';
import type { BrowserProfileInfo } from '@clawport/browser/client';
import { BrowserCommand } from '../../lib/browser/browser-command.js';

export default class BrowserCreateProfile extends BrowserCommand<typeof BrowserCreateProfile> {
  static override description =
    "Create a browser profile: a local one gets the lowest free port of the instance's CDP band (or --cdp-port); a remote one attaches to --cdp-url. Saved in openclaw.json";
  static override examples = [
    '<%= config.bin %> --profile rescue browser create-profile work',
    '<%= config.bin %> --profile rescue browser create-profile pinned --cdp-port 19820',
    '<%= config.bin %> --profile rescue browser create-profile remote --cdp-url http://10.0.0.5:9222',
  ];
  static override enableJsonFlag = true;
  static override args = {
    name: Args.string({ description: 'Browser profile name (A–Z a–z 0–9 _ -)', required: true }),
  };
  static override flags = {
    'cdp-port': Flags.integer({ description: "Explicit CDP port inside the instance's CDP band", exclusive: ['cdp-url'] }),
    'cdp-url': Flags.string({ description: 'Remote Chrome to attach to (never launched)', exclusive: ['cdp-port'] }),
    headless: Flags.boolean({ description: 'Run Chromium headless (default true)', allowNo: true }),
    color: Flags.string({ description: 'Colour shown for the profile, e.g. #FF4500' }),
  };

  public async run(): Promise<BrowserProfileInfo> {
    const body: Record<string, unknown> = { name: this.args.name };
    if (this.flags['cdp-port'] !== undefined) body.cdpPort = this.flags['cdp-port'];
    if (this.flags['cdp-url'] !== undefined) body.cdpUrl = this.flags['cdp-url'];
    if (this.flags.headless !== undefined) body.headless = this.flags.headless;
    if (this.flags.color !== undefined) body.color = this.flags.color;
    const { ctx, result: p } = await this.browser<BrowserProfileInfo>('POST', '/profiles/create', body);
    this.log(`${ctx.instance.name}: created browser profile ${p.name} (${p.cdpUrl ?? `CDP port ${p.cdpPort}`}) in ${ctx.paths.configPath}`);
    return p;
  }
}
