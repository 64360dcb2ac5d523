import { Args } from '@oclif/core';
import { ClawportError, getKey, redactSecrets } from '@clawport/core';
import { readConfigFile } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { secretHintFor } from '../../lib/config/secret-hint.js';

export interface ConfigGetResult {
  configPath: string;
  /** null for the whole config. */
  key: string | null;
  /** The value with every secret replaced by `<redacted>`. */
  value: unknown;
}

export default class ConfigGet extends BaseCommand<typeof ConfigGet> {
  static override description = 'Print a config value (or the whole config); secrets are always redacted';
  static override examples = ['<%= config.bin %> --profile rescue config get gateway.port', '<%= config.bin %> config get --json'];
  static override args = { key: Args.string({ description: 'Dotted key, e.g. gateway.port; omit for the whole config' }) };
  static override enableJsonFlag = true;

  public async run(): Promise<ConfigGetResult> {
    const paths = this.resolvePaths();
    const loaded = await readConfigFile(paths.configPath);
    const key = this.args.key ?? null;
    const value = key === null ? loaded.raw : getKey(loaded.raw, key);
    if (value === undefined) {
      throw new ClawportError(`${key} is not set in ${paths.configPath}`, `set it with: clawport config set ${key} VALUE`);
    }
    // The one rule (core): secret by name, or marked secret in a plugin's schema.
    const shown = redactSecrets(value, key ?? '', await secretHintFor(loaded.config, paths.configPath));
    this.log(typeof shown === 'string' ? shown : JSON.stringify(shown, null, 2));
    return { configPath: paths.configPath, key, value: shown };
  }
}
