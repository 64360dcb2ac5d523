import { BaseCommand } from '../base-command.js';
import { basePort } from '../flags.js';
import { setupInstance, type SetupResult } from '../lib/setup/setup-instance.js';

export default class Setup extends BaseCommand<typeof Setup> {
  static override description =
    'Create the state dir (0700), config (0600), workspace and gateway token of a profile; allocate a base port whose whole footprint is free. Safe to run again.';
  static override examples = [
    '<%= config.bin %> --profile main setup --port 18789',
    '<%= config.bin %> --profile rescue setup',
    'OPENCLAW_CONFIG_PATH=~/gateways/alpha/openclaw.json OPENCLAW_STATE_DIR=~/gateways/alpha <%= config.bin %> setup --port 18789',
  ];
  static override flags = {
    port: basePort('Base port (1024–65535); default: keep the configured one, else allocate a free footprint'),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<SetupResult> {
    const paths = this.resolvePaths();
    const result = await setupInstance(paths, process.env, this.flags.port, (w) => this.warning(w));
    const verb = result.created ? 'created' : result.changed.length > 0 ? 'updated' : 'already set up';
    this.log(`${result.name}: ${verb}`);
    this.table(
      [{ header: 'item' }, { header: 'value' }],
      [
        ['config', result.configPath],
        ['state dir', result.stateDir],
        ['workspace', result.workspace],
        ['base port', `${result.base}${result.baseSource === 'allocated' ? ' (allocated)' : ''}`],
      ],
    );
    return result;
  }
}
