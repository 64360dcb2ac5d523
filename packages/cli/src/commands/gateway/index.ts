import { Flags } from '@oclif/core';
import { registerInstance } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { formatChildLine } from '../../lib/group.js';

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
    const { runGatewayForeground, canvasPlugin } = gateway;
    const { browserPlugin } = browser;
    // A gateway may outlive its terminal or its `openclaw up` parent. Writing to a closed stdout/stderr
    // then fails with EPIPE; unhandled, that error reaches the crash handler, which writes to stderr
    // again, and the process spins forever. The gateway must keep serving and stop cleanly instead.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    const extra = await coreNode.loadPlugins(ctx.config.plugins?.load ?? [], path.dirname(ctx.paths.configPath));
    process.exitCode = await runGatewayForeground({
      instance: ctx.instance,
      config: ctx.config,
      plugins: [browserPlugin, canvasPlugin, ...extra.plugins],
      pluginLoadErrors: extra.errors,
      bind: this.flags.bind as 'loopback' | 'lan' | undefined,
      token: this.flags.token,
      version: this.config.version,
      // A person at a terminal reads `level msg key=value`; pipes (openclaw up, log shippers) get the JSON line.
      echoLog: (line) => process.stderr.write(`${process.stderr.isTTY ? (formatChildLine(line, true) ?? line) : line}\n`),
    });
  }
}
