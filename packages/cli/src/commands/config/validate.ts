import { ConfigError, mergedConfigSchema } from '@clawport/core';
import { instancePlugins, readConfigFile } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { checkFootprint } from '../../lib/config/config-edit.js';

export interface ConfigValidateResult {
  ok: true;
  configPath: string;
  exists: boolean;
}

export default class ConfigValidate extends BaseCommand<typeof ConfigValidate> {
  static override description =
    'Validate openclaw.json: JSON5 syntax, schema (plugin sections included) and port footprint; exit 78 with file:line on the first problem';
  static override examples = ['<%= config.bin %> --profile rescue config validate'];
  static override enableJsonFlag = true;

  public async run(): Promise<ConfigValidateResult> {
    const paths = this.resolvePaths();
    const first = await readConfigFile(paths.configPath);
    const { plugins, errors } = await instancePlugins(first.config, paths.configPath);
    if (errors.length > 0) throw new ConfigError(`${paths.configPath}: plugins.load: ${errors[0].message}`, errors[0].suggestion);
    const loaded = await readConfigFile(paths.configPath, mergedConfigSchema(plugins));
    checkFootprint(paths, loaded.config, plugins, 'gateway.port', (w) => this.warning(w));
    this.log(loaded.exists ? `ok: ${paths.configPath}` : `ok: ${paths.configPath} does not exist yet (empty config)`);
    return { ok: true, configPath: paths.configPath, exists: loaded.exists };
  }
}
