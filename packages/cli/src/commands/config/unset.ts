import { Args } from '@oclif/core';
import { getKey, unsetKey } from '@clawport/core';
import { readConfigFile } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { editConfig } from '../../lib/config/config-edit.js';

export default class ConfigUnset extends BaseCommand<typeof ConfigUnset> {
  static override description = 'Remove a config value (validated, atomic, locked; the previous config is kept for rollback)';
  static override examples = ['<%= config.bin %> --profile rescue config unset canvasHost.port'];
  static override args = { key: Args.string({ description: 'Dotted key, e.g. canvasHost.port', required: true }) };

  public async run(): Promise<void> {
    const paths = this.resolvePaths();
    const loaded = await readConfigFile(paths.configPath);
    if (getKey(loaded.raw, this.args.key) === undefined) {
      this.log(`${this.args.key} is not set (${paths.configPath}); nothing to do`);
      return;
    }
    await editConfig(paths, (raw) => unsetKey(raw, this.args.key), this.args.key, (w) => this.warning(w));
    this.log(`unset ${this.args.key} (${paths.configPath})`);
  }
}
