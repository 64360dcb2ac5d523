import { ConfigError, gatewayConfigRefusal, mergedConfigSchema } from '@clawport/core';
import { instancePlugins, readConfigFile, readEngineSettings } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { checkFootprint } from '../../lib/config/config-edit.js';

export interface ConfigValidateResult {
  ok: true;
  configPath: string;
  exists: boolean;
}

export default class ConfigValidate extends BaseCommand<typeof ConfigValidate> {
  static override description =
    "Validate openclaw.json: JSON5 syntax, schema (plugin sections included), what the profile's gateway refuses to start on (beyond loopback without auth; upstream-only bind/auth modes on the built-in engine) and port footprint; exit 78 with file:line on the first problem. A plugin in plugins.load that cannot be loaded is a warning (exit 0): the gateway runs without it";
  static override examples = ['<%= config.bin %> --profile rescue config validate'];
  static override enableJsonFlag = true;

  public async run(): Promise<ConfigValidateResult> {
    const paths = this.resolvePaths();
    const first = await readConfigFile(paths.configPath);
    const { plugins, errors } = await instancePlugins(first.config, paths.configPath);
    // A plugin that cannot be loaded is a warning, as `config set` says it: the gateway isolates it and
    // runs degraded without it (status and health say so); its own section is then checked by nobody.
    for (const e of errors) this.warning(`${paths.configPath}: plugins.load: ${e.toLine()} (the gateway will run without it)`);
    const loaded = await readConfigFile(paths.configPath, mergedConfigSchema(plugins));
    // What the gateway would refuse at start (exit 78) is refused here by the same rule, for the engine this profile runs.
    const engine = (await readEngineSettings(paths.stateDir)).engine;
    const refusal = gatewayConfigRefusal(loaded.config, { builtin: engine !== 'openclaw' });
    if (refusal) throw new ConfigError(`${paths.configPath}: ${refusal.message}`, refusal.fix, { file: paths.configPath, keyPath: refusal.keyPath });
    checkFootprint(paths, loaded.config, plugins, 'gateway.port', (w) => this.warning(w));
    this.log(loaded.exists ? `ok: ${paths.configPath}` : `ok: ${paths.configPath} does not exist yet (empty config)`);
    return { ok: true, configPath: paths.configPath, exists: loaded.exists };
  }
}
