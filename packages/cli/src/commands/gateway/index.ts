import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { runGatewayInForeground } from '../../lib/gateway-run.js';

export default class Gateway extends BaseCommand<typeof Gateway> {
  static override description =
    'Run the gateway of a profile in the foreground (WebSocket control plane + HTTP health on the base port, browser control on B+2, canvas on B+4). Ctrl-C stops it cleanly.';
  static override examples = [
    '<%= config.bin %> --profile main gateway --port 18789',
    '<%= config.bin %> gateway --port 19001 --profile rescue',
    'OPENCLAW_CONFIG_PATH=~/.openclaw/main.json OPENCLAW_STATE_DIR=~/.openclaw-main <%= config.bin %> gateway --port 18789',
  ];
  // src/gateway-entry.ts parses exactly these flags when it runs the gateway without oclif: keep them in step.
  static override flags = {
    port: Flags.string({ description: 'Base port (beats OPENCLAW_GATEWAY_PORT and gateway.port)' }),
    bind: Flags.string({ description: 'loopback (127.0.0.1) or lan (0.0.0.0, needs auth)', options: ['loopback', 'lan'] }),
    token: Flags.string({ description: 'Auth token for WebSocket clients (default: gateway.auth.token, else the token file)' }),
  };

  public async run(): Promise<void> {
    const ctx = await this.loadInstance({ port: this.flags.port });
    process.exitCode = await runGatewayInForeground(ctx, {
      bind: this.flags.bind as 'loopback' | 'lan' | undefined,
      token: this.flags.token,
      version: this.config.version,
      cliRoot: this.config.root,
    });
  }
}
