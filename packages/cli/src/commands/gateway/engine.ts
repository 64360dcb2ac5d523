import { Args, Flags } from '@oclif/core';
import { ENGINE_IDS, UsageError, describeLocated, type EngineId } from '@clawport/core';
import { engineFilePath, locateOpenclaw, readEngineSettings, readRuntime, writeEngineSettings } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { cliFor } from '../../lib/gateway/service-command.js';

export interface GatewayEngineResult {
  name: string;
  engine: EngineId;
  /** Where the choice is kept: `<state>/clawport.json`. */
  file: string;
  /** For `openclaw`: the command found, and whether its Node satisfies upstream's requirement. */
  openclaw?: { ok: boolean; line: string; command?: string; version?: string; nodeVersion?: string };
}

export default class GatewayEngine extends BaseCommand<typeof GatewayEngine> {
  static override description =
    "Show or choose what runs as this profile's gateway: `clawport` (the built-in gateway, default) or `openclaw` (upstream OpenClaw's gateway, found on PATH, in CLAWPORT_OPENCLAW_COMMAND or by --command; needs Node >=24.16). Kept in <state>/clawport.json, not in openclaw.json, whose upstream schema refuses unknown keys.";
  static override examples = [
    '<%= config.bin %> --profile main gateway engine',
    '<%= config.bin %> --profile main gateway engine openclaw',
    '<%= config.bin %> --profile main gateway engine openclaw --command /opt/openclaw/bin/openclaw',
    '<%= config.bin %> --profile main gateway engine clawport',
  ];
  static override enableJsonFlag = true;
  static override args = { engine: Args.string({ description: 'clawport or openclaw', options: [...ENGINE_IDS] }) };
  static override flags = {
    command: Flags.string({ description: "Absolute path of upstream's openclaw command (openclaw engine only)" }),
  };

  public async run(): Promise<GatewayEngineResult> {
    const paths = this.resolvePaths();
    const current = await readEngineSettings(paths.stateDir);
    const chosen = this.args.engine as EngineId | undefined;
    if (this.flags.command !== undefined && !this.flags.command.startsWith('/')) {
      throw new UsageError(`--command ${this.flags.command} is not an absolute path`, 'give the full path, e.g. --command "$(command -v openclaw)"');
    }
    if (this.flags.command !== undefined && (chosen ?? current.engine) !== 'openclaw') {
      throw new UsageError('--command names the openclaw engine\'s command', `use: ${cliFor(paths)} gateway engine openclaw --command ${this.flags.command}`);
    }
    let settings = current;
    if (chosen !== undefined) {
      settings = chosen === 'openclaw' ? { engine: 'openclaw', ...((this.flags.command ?? current.openclawCommand) ? { openclawCommand: this.flags.command ?? current.openclawCommand } : {}) } : { engine: 'clawport' };
    }
    let pinnedNode: string | undefined;
    const result: GatewayEngineResult = { name: paths.name, engine: settings.engine, file: engineFilePath(paths.stateDir) };
    if (settings.engine === 'openclaw') {
      try {
        const located = await locateOpenclaw(settings, process.env);
        if (located.script) pinnedNode = located.node;
        result.openclaw = { ...describeLocated(located), command: located.command, ...(located.version ? { version: located.version } : {}), ...(located.nodeVersion ? { nodeVersion: located.nodeVersion } : {}) };
      } catch (e) {
        result.openclaw = { ok: false, line: (e as Error).message };
      }
    }
    if (chosen !== undefined) {
      if (settings.engine === 'openclaw' && result.openclaw && !result.openclaw.ok) {
        throw new UsageError(`cannot use the openclaw engine for ${paths.name}: ${result.openclaw.line}`, 'nothing was changed');
      }
      // Pin the Node that passed the check: a launch from another PATH (the editor's) still finds it.
      if (settings.engine === 'openclaw' && pinnedNode) settings = { ...settings, openclawNode: pinnedNode };
      await writeEngineSettings(paths.stateDir, settings);
      const running = await readRuntime(paths.stateDir);
      this.log(`${paths.name}: engine ${settings.engine} (${result.file})`);
      if (running && (running.engine ?? 'clawport') !== settings.engine) this.log(`its gateway still runs the ${running.engine ?? 'clawport'} engine; restart it: ${cliFor(paths)} gateway restart`);
    } else this.log(`${paths.name}: engine ${settings.engine}`);
    if (result.openclaw) this.log(`${result.openclaw.ok ? 'ok' : 'problem'}: ${result.openclaw.line}`);
    return result;
  }
}
