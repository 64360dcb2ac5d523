import { resolve } from 'node:path';
import { PLUGIN_API_VERSION } from '@clawport/core';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { checkOffset, checkPluginName, renderPluginTemplate, writeScaffold } from '../../lib/plugins/scaffold.js';

export interface PluginsNewResult {
  name: string;
  dir: string;
  files: string[];
}

export default class PluginsNew extends BaseCommand<typeof PluginsNew> {
  static override description =
    'Scaffold a gateway plugin package (TypeScript, on @clawport/plugin-sdk): a port claim, a config section, a service with an RPC method, a doctor check and a test that starts a real gateway with it';
  static override examples = ['<%= config.bin %> plugins new webhook', '<%= config.bin %> plugins new webhook --dir ~/src/webhook --offset 7'];
  static override args = {
    name: Args.string({ description: 'Package name, plugin id and config key (lower-case, dashes)', required: true }),
  };
  static override flags = {
    dir: Flags.string({ description: 'Directory to create (default: ./NAME); must not exist' }),
    offset: Flags.integer({ description: 'The plugin port as an offset from the base port', default: 6, min: 1, max: 10 }),
    sdk: Flags.string({ description: 'Dependency spec for @clawport/plugin-sdk in package.json', default: `^${PLUGIN_API_VERSION}.0.0` }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<PluginsNewResult> {
    const { name } = this.args;
    checkPluginName(name);
    checkOffset(this.flags.offset);
    const dir = resolve(this.flags.dir ?? name);
    const files = await renderPluginTemplate({ name, offset: this.flags.offset, sdk: this.flags.sdk });
    await writeScaffold(dir, files);
    this.log(`created ${dir} (plugin ${name}, port base+${this.flags.offset})`);
    this.log(`next: cd ${dir} && npm install && npm run build && npm test`);
    this.log(`then: clawport config set plugins.load '["${dir}"]'`);
    return { name, dir, files: [...files.keys()].sort() };
  }
}
