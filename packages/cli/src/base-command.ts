import { homedir } from 'node:os';
import { Command, type Interfaces } from '@oclif/core';
import { globalFlags } from './flags.js';
import { parseProfileName, resolveInstancePaths, type InstancePaths } from '@clawport/core';
import type { Host, ReadHostOptions } from '@clawport/core/node';
import { liftedFlags } from './context.js';
import { describeError, markJsonErrorPrinted } from './lib/shared/errors.js';
import { loadInstanceContext, type InstanceContext } from './lib/shared/instance-context.js';
import { printWarning } from './lib/shared/warn.js';
import { connectGateway } from './lib/shared/gateway-health.js';
import { gatewayEndpoint, readHostFor, type GatewayEndpoint } from './lib/shared/host-read.js';
import type { GatewayClient } from '@clawport/gateway/client';
import { paint, renderTable, type Column, type Style } from './lib/shared/style.js';

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

export type { InstanceContext } from './lib/shared/instance-context.js';

export type { GatewayEndpoint } from './lib/shared/host-read.js';

/**
 * Base of every clawport command: the instance the command acts on (profile, paths, config, port),
 * `warning:` lines for ignored inherited environment, tables that colour only on a TTY, and errors
 * mapped to one line + exit code by main(). Read commands set `enableJsonFlag = true` and return
 * their typed result from run(); oclif prints it for `--json`.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  /**
   * Shown in help. main() lifts these out of argv wherever they stand, so oclif only ever sees them
   * when a command is run without main() (tests through @oclif/test).
   */
  static override baseFlags = globalFlags;

  protected flags!: CommandFlags<T>;
  protected args!: CommandArgs<T>;
  /** Every positional argument as parsed (for `strict = false` commands that take a list). */
  protected positionals: string[] = [];

  public override async init(): Promise<void> {
    await super.init();
    const ctor = this.ctor as typeof BaseCommand;
    const { flags, args, argv } = await this.parse({
      flags: ctor.flags,
      baseFlags: ctor.baseFlags,
      enableJsonFlag: ctor.enableJsonFlag,
      args: ctor.args,
      strict: ctor.strict,
    });
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
    this.positionals = argv.map(String);
  }

  /** The profile from the command line (lifted by main(), else parsed by oclif), or undefined. */
  protected profileFlag(): string | undefined {
    const lifted = liftedFlags();
    if (lifted?.profile !== undefined) return lifted.profile;
    const f = this.flags as { profile?: string; dev?: boolean };
    if (f.profile !== undefined) return parseProfileName(f.profile, '--profile');
    return f.dev ? 'dev' : undefined;
  }

  /** Paths of the instance this command acts on; prints core's warnings (once each). */
  protected resolvePaths(): InstancePaths {
    const paths = resolveInstancePaths({ profile: this.profileFlag() }, process.env, homedir());
    for (const w of paths.warnings) this.warning(w);
    return paths;
  }

  /**
   * The instance with its config (a broken config throws its ConfigError, exit 78) and, when the
   * gateway runs, its runtime file: a gateway started with `--port` only runs where the runtime says,
   * so nobody probes a default port for a profile that runs elsewhere.
   */
  protected async loadInstance(options: { port?: string | number; paths?: InstancePaths } = {}): Promise<InstanceContext> {
    return loadInstanceContext(options.paths ?? this.resolvePaths(), options.port, (w) => this.warning(w));
  }

  /**
   * Every instance on this host (core's host read model): what host-wide commands read; ask for the
   * facets the command shows. Never runs another instance's plugin code; with an explicit `--profile P`
   * the user named P, so P's own plugins are loaded (as `clawport --profile P gateway` would) and its
   * footprint and doctor checks include them.
   */
  protected readHost(options: Omit<ReadHostOptions, 'env' | 'osHome'> = {}): Promise<Host> {
    return readHostFor(options, () => (this.profileFlag() === undefined ? undefined : this.resolvePaths()));
  }

  /** How to reach the instance's gateway: runtime file first, then the resolved base port. */
  protected gatewayEndpoint(ctx: InstanceContext): Promise<GatewayEndpoint> {
    return gatewayEndpoint(ctx);
  }

  /**
   * A connected GatewayClient for the instance (token from config or the token file, port from the
   * runtime file or the resolved config). Throws GatewayError (exit 1) when it cannot connect.
   * The caller closes it: `try { … } finally { await client.close(); }`.
   */
  protected async connectGateway(ctx?: InstanceContext): Promise<GatewayClient> {
    const c = ctx ?? (await this.loadInstance());
    return connectGateway(c.instance.name, await this.gatewayEndpoint(c));
  }

  /** One `warning: …` line on stderr, once per distinct text. */
  protected warning(line: string): void {
    printWarning(line);
  }

  /** Prints an aligned table (nothing in --json mode). */
  protected table(columns: readonly Column[], rows: readonly string[][]): void {
    this.log(renderTable(columns, rows));
  }

  protected paint(style: Style, text: string): string {
    return paint(style, text);
  }

  /** In --json mode the error also goes to stdout as `{error:{code,message,suggestion,exitCode}}`; main() prints the line. */
  protected override catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (this.jsonEnabled()) {
      const d = describeError(err);
      if (d.line) {
        this.logJson({ error: d.json });
        markJsonErrorPrinted();
      }
    }
    return Promise.reject(err);
  }
}
