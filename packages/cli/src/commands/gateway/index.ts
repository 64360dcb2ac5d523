import { BaseCommand } from '../../base-command.js';
import { gatewayRunFlags } from '../../flags.js';
import { runGatewayInForeground } from '../../lib/gateway/run-foreground.js';

export default class Gateway extends BaseCommand<typeof Gateway> {
  static override description =
    'Run the gateway of a profile in the foreground (WebSocket control plane + HTTP health on the base port, browser control on B+2, canvas on B+4). Ctrl-C stops it cleanly.';
  static override examples = [
    '<%= config.bin %> --profile main gateway --port 18789',
    '<%= config.bin %> gateway --port 19001 --profile rescue',
    'OPENCLAW_CONFIG_PATH=~/.openclaw/main.json OPENCLAW_STATE_DIR=~/.openclaw-main <%= config.bin %> gateway --port 18789',
  ];
  // The fast entry (src/gateway-entry.ts) parses these same definitions with oclif's parser.
  static override flags = gatewayRunFlags;

  public async run(): Promise<void> {
    const ctx = await this.loadInstance({ port: this.flags.port });
    process.exitCode = await runGatewayInForeground(ctx, {
      bind: this.flags.bind,
      token: this.flags.token,
      version: this.config.version,
      cliRoot: this.config.root,
    });
  }
}
