import { Flags } from '@oclif/core';
import { registerInstance } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { formatChildLine } from '../../lib/group.js';
import { gatewayCommand } from '../../lib/service-command.js';

export default class Gateway extends BaseCommand<typeof Gateway> {
  static override description =
    'Run the gateway of a profile in the foreground (WebSocket control plane + HTTP health on the base port, browser control on B+2, canvas on B+4). Ctrl-C stops it cleanly.';
  static override examples = [
    '<%= config.bin %> --profile main gateway --port 18789',
    '<%= config.bin %> gateway --port 19001 --profile rescue',
    'OPENCLAW_CONFIG_PATH=~/.openclaw/main.json OPENCLAW_STATE_DIR=~/.openclaw-main <%= config.bin %> gateway --port 18789',
  ];
  static override flags = {
    port: Flags.string({ description: 'Base port (beats OPENCLAW_GATEWAY_PORT and gateway.port)' }),
    bind: Flags.string({ description: 'loopback (127.0.0.1) or lan (0.0.0.0, needs auth)', options: ['loopback', 'lan'] }),
    token: Flags.string({ description: 'Auth token for WebSocket clients (default: gateway.auth.token, else the token file)' }),
  };

  public async run(): Promise<void> {
    const ctx = await this.loadInstance({ port: this.flags.port });
    if (ctx.paths.custom) {
      // The manual OPENCLAW_STATE_DIR/OPENCLAW_CONFIG_PATH form: register it so status --all and doctor see it.
      await registerInstance(ctx.paths.home, { name: ctx.paths.name, stateDir: ctx.paths.stateDir, configPath: ctx.paths.configPath });
    }
    // Loaded here, not at the top: puppeteer-core and ws cost startup time every other command would pay.
    const [gateway, browser, coreNode, path] = await Promise.all([
      import('@clawport/gateway'),
      import('@clawport/browser'),
      import('@clawport/core/node'),
      import('node:path'),
    ]);
    const { runGatewayForeground, canvasPlugin, serviceRestartHook } = gateway;
    const { browserPlugin } = browser;
    const extra = await coreNode.loadPlugins(ctx.config.plugins?.load ?? [], path.dirname(ctx.paths.configPath));
    process.exitCode = await runGatewayForeground({
      instance: ctx.instance,
      config: ctx.config,
      plugins: [browserPlugin, canvasPlugin, ...extra.plugins],
      pluginLoadErrors: extra.errors,
      bind: this.flags.bind as 'loopback' | 'lan' | undefined,
      token: this.flags.token,
      version: this.config.version,
      // A rescue gateway's instances.restart restarts the target through its installed service.
      hooks: { restartInstance: serviceRestartHook(gatewayCommand(this.config.root)) },
      // A person at a terminal reads `level msg key=value`; pipes (openclaw up, log shippers) get the JSON line.
      echoLog: (line) => process.stderr.write(`${process.stderr.isTTY ? (formatChildLine(line, true) ?? line) : line}\n`),
    });
  }
}
