import { rollbackConfig } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';

export default class ConfigRollback extends BaseCommand<typeof ConfigRollback> {
  static override description =
    'Restore the previous good config (kept by every write); the replaced file is kept as openclaw.json.rolled-back';
  static override examples = ['<%= config.bin %> --profile main config rollback'];

  public async run(): Promise<void> {
    const paths = this.resolvePaths();
    const { changed } = await rollbackConfig(paths.configPath);
    if (!changed) {
      this.log(`${paths.name}: ${paths.configPath} already is the previous good config; nothing was changed (configs replaced by earlier rollbacks: ${paths.configPath}.rolled-back, .rolled-back.1, …)`);
      return;
    }
    this.log(`restored the previous good config of ${paths.name} (${paths.configPath}); the replaced one is ${paths.configPath}.rolled-back`);
  }
}
