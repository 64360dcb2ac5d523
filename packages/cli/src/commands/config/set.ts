import { Args } from '@oclif/core';
import { parseCliValue, redactSecrets, setKey } from '@clawport/core';
import { BaseCommand } from '../../base-command.js';
import { editConfig } from '../../lib/config/config-edit.js';
import { secretHintFor } from '../../lib/config/secret-hint.js';

export default class ConfigSet extends BaseCommand<typeof ConfigSet> {
  static override description =
    'Set a config value: validated (schema and port footprint), written atomically under a lock; the previous config is kept for rollback';
  static override examples = [
    '<%= config.bin %> --profile rescue config set gateway.port 19001',
    '<%= config.bin %> config set browser.profiles.work.cdpPort 18850',
    "<%= config.bin %> config set plugins.load '[\"./my-plugin.js\"]'",
  ];
  static override args = {
    key: Args.string({ description: 'Dotted key, e.g. gateway.port', required: true }),
    value: Args.string({ description: 'Value; parsed as JSON5 when it parses (18789, true, {a:1}), else a string', required: true }),
  };

  public async run(): Promise<void> {
    const paths = this.resolvePaths();
    const value = parseCliValue(this.args.value);
    const config = await editConfig(paths, (raw) => setKey(raw, this.args.key, value), this.args.key, (w) => this.warning(w));
    // The one rule (core): a secret key, a secret nested in an object value, or a field a plugin's
    // schema marks secret, is never echoed.
    const shown = JSON.stringify(redactSecrets(value, this.args.key, await secretHintFor(config, paths.configPath)));
    this.log(`${this.args.key} = ${shown} (${paths.configPath})`);
  }
}
