import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { Flags } from '@oclif/core';
import type { ScreenshotResult, TabInfo } from '@clawport/browser/client';
import { BrowserCommand, browserProfileFlag } from '../../lib/browser/browser-command.js';

export interface ScreenshotSaved {
  profile: string;
  path: string;
  width: number;
  height: number;
  bytes: number;
  tab: TabInfo;
}

export default class BrowserScreenshot extends BrowserCommand<typeof BrowserScreenshot> {
  static override description = 'Save a PNG screenshot of a tab (default: the tab used last) of a running browser profile';
  static override examples = [
    '<%= config.bin %> --profile rescue browser screenshot --out shot.png',
    '<%= config.bin %> browser screenshot --tab 7F3A… --full-page --out page.png',
  ];
  static override enableJsonFlag = true;
  static override flags = {
    'browser-profile': browserProfileFlag,
    out: Flags.string({ char: 'o', description: 'PNG file to write (default: screenshot-<profile>-<time>.png here)' }),
    tab: Flags.string({ description: 'Tab id from: browser tabs' }),
    'full-page': Flags.boolean({ description: 'The whole scrollable page, not just the viewport' }),
  };

  public async run(): Promise<ScreenshotSaved> {
    const { ctx, result: shot } = await this.browser<ScreenshotResult>('POST', '/screenshot', {
      ...this.profileBody(),
      ...(this.flags.tab === undefined ? {} : { targetId: this.flags.tab }),
      fullPage: this.flags['full-page'],
    });
    const png = Buffer.from(shot.data, 'base64');
    const path = resolve(this.flags.out ?? `screenshot-${shot.profile}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
    await writeFile(path, png);
    this.log(`${ctx.instance.name} browser profile ${shot.profile}: ${shot.width}×${shot.height} PNG of "${shot.tab.title}" → ${path}`);
    return { profile: shot.profile, path, width: shot.width, height: shot.height, bytes: png.length, tab: shot.tab };
  }
}
