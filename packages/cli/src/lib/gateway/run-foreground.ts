import { dirname } from 'node:path';
import { UsageError, clawportPluginSpecs } from '@clawport/core';
import { registerInstance } from '@clawport/core/node';
import { locateCheckedOpenclaw } from './openclaw-command.js';
import { formatChildLine } from '../up/group.js';
import type { InstanceContext } from '../shared/instance-context.js';
import { gatewayCommand } from './service-command.js';

export interface GatewayRunOptions {
  bind?: 'loopback' | 'lan';
  token?: string;
  version: string;
  /** Root of the CLI package (for the command a service runs). */
  cliRoot: string;
}

/**
 * `clawport gateway`: runs the instance's gateway in the foreground until SIGINT/SIGTERM and returns
 * its exit code. Shared by the oclif command and the fast entry that skips oclif.
 */
export async function runGatewayInForeground(ctx: InstanceContext, options: GatewayRunOptions): Promise<number> {
  if (ctx.paths.custom) {
    // The manual OPENCLAW_STATE_DIR/OPENCLAW_CONFIG_PATH form: register it so status --all and doctor see it.
    await registerInstance(ctx.paths.home, { name: ctx.paths.name, stateDir: ctx.paths.stateDir, configPath: ctx.paths.configPath });
  }
  // The one place the engine matters: it says what runs. Everything above (up, services, the
  // supervisor, the editor's launch) runs this same command for both engines.
  const { readEngineSettings } = await import('@clawport/core/node');
  const settings = await readEngineSettings(ctx.paths.stateDir);
  if (settings.engine === 'openclaw') {
    if (options.bind === 'lan') throw new UsageError('the openclaw engine runs on loopback only', 'drop --bind lan');
    const located = await locateCheckedOpenclaw(settings);
    const { runOpenclawForeground } = await import('@clawport/gateway');
    return runOpenclawForeground({
      instance: ctx.instance,
      config: ctx.config,
      located,
      token: options.token,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  }
  // Loaded here, not at the top: ws and the plugins cost startup time every other command would pay.
  const [gateway, browser, coreNode] = await Promise.all([
    import('@clawport/gateway'),
    import('@clawport/browser'),
    import('@clawport/core/node'),
  ]);
  const { runGatewayForeground, canvasPlugin, serviceRestartHook } = gateway;
  const extra = await coreNode.loadPlugins(clawportPluginSpecs(ctx.config), dirname(ctx.paths.configPath));
  return runGatewayForeground({
    instance: ctx.instance,
    config: ctx.config,
    plugins: [browser.browserPlugin, canvasPlugin, ...extra.plugins],
    pluginLoadErrors: extra.errors,
    bind: options.bind,
    token: options.token,
    version: options.version,
    // A rescue gateway's instances.restart restarts the target through its installed service.
    hooks: { restartInstance: serviceRestartHook(gatewayCommand(options.cliRoot)) },
    // A person at a terminal reads `level msg key=value`; pipes (clawport up, log shippers) get the JSON line.
    echoLog: (line) => process.stderr.write(`${process.stderr.isTTY ? (formatChildLine(line, true) ?? line) : line}\n`),
  });
}
