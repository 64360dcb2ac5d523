import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { liftGlobalFlags, resolveInstancePaths } from '@clawport/core';
import { setLiftedFlags } from './context.js';
import { gatewayRunFlags } from './flags.js';
import { reportError } from './lib/shared/errors.js';
import { runGatewayInForeground } from './lib/gateway/run-foreground.js';
import { loadInstanceContext } from './lib/shared/instance-context.js';
import { printWarning } from './lib/shared/warn.js';

export interface GatewayRunFlags {
  port?: number;
  bind?: 'loopback' | 'lan';
  token?: string;
}

/**
 * `gateway [--port N] [--bind loopback|lan] [--token T]` and nothing else, parsed by oclif's own parser
 * with the command's own flag definitions (flags.ts), or undefined: anything else (a subcommand,
 * --help, an unknown or repeated flag, a bad value) goes through oclif, which owns the messages for it.
 */
export async function plainGatewayRun(rest: readonly string[]): Promise<GatewayRunFlags | undefined> {
  if (rest[0] !== 'gateway') return undefined;
  const { parse } = await import('@oclif/core/parser');
  try {
    const { flags, argv } = await parse(rest.slice(1), { flags: gatewayRunFlags, strict: true, '--': true });
    if (argv.length > 0 || rest.includes('--')) return undefined;
    return { ...(flags.port !== undefined && { port: flags.port }), ...(flags.bind !== undefined && { bind: flags.bind }), ...(flags.token !== undefined && { token: flags.token }) };
  } catch {
    return undefined;
  }
}

/**
 * Runs `clawport [--profile P] gateway …` without loading oclif (about 100–200 ms and 8–10 MB of a
 * gateway's start, which services and `up` pay on every start and restart). Returns undefined when
 * argv is not a plain gateway run, so bin/run.js hands it to oclif.
 */
export async function runGatewayFast(argv: readonly string[]): Promise<number | undefined> {
  try {
    const lifted = liftGlobalFlags(argv);
    const flags = await plainGatewayRun(lifted.rest);
    if (flags === undefined) return undefined;
    setLiftedFlags(lifted);
    const paths = resolveInstancePaths({ profile: lifted.profile }, process.env, homedir());
    for (const w of paths.warnings) printWarning(w);
    const ctx = await loadInstanceContext(paths, flags.port, printWarning);
    const cliRoot = fileURLToPath(new URL('..', import.meta.url));
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return await runGatewayInForeground(ctx, { bind: flags.bind, token: flags.token, version, cliRoot });
  } catch (e) {
    return reportError(e);
  }
}
