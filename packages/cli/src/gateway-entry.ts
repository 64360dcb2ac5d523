import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { liftGlobalFlags, resolveInstancePaths } from '@clawport/core';
import { setLiftedFlags } from './context.js';
import { reportError } from './lib/errors.js';
import { runGatewayInForeground } from './lib/gateway-run.js';
import { loadInstanceContext } from './lib/instance-context.js';
import { printWarning } from './lib/warn.js';

export interface GatewayRunFlags {
  port?: string;
  bind?: 'loopback' | 'lan';
  token?: string;
}

const VALUE_FLAGS = new Set(['port', 'bind', 'token']);

/**
 * `gateway [--port N] [--bind loopback|lan] [--token T]` and nothing else, or undefined: anything
 * else (a subcommand, --help, an unknown or repeated flag, a missing value) goes through oclif, which
 * owns the messages for it. Mirrors the flags of src/commands/gateway/index.ts.
 */
export function plainGatewayRun(rest: readonly string[]): GatewayRunFlags | undefined {
  if (rest[0] !== 'gateway') return undefined;
  const flags: Record<string, string> = {};
  for (let i = 1; i < rest.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(rest[i]);
    if (!m || !VALUE_FLAGS.has(m[1]) || m[1] in flags) return undefined;
    const value = m[2] ?? rest[++i];
    if (value === undefined || value === '' || (m[2] === undefined && value.startsWith('-'))) return undefined;
    flags[m[1]] = value;
  }
  const { port, bind, token } = flags;
  if (bind !== undefined && bind !== 'loopback' && bind !== 'lan') return undefined;
  return { ...(port !== undefined && { port }), ...(bind !== undefined && { bind }), ...(token !== undefined && { token }) };
}

/**
 * Runs `clawport [--profile P] gateway …` without loading oclif (about 100–200 ms and 8–10 MB of a
 * gateway's start, which services and `up` pay on every start and restart). Returns undefined when
 * argv is not a plain gateway run, so bin/run.js hands it to oclif.
 */
export async function runGatewayFast(argv: readonly string[]): Promise<number | undefined> {
  try {
    const lifted = liftGlobalFlags(argv);
    const flags = plainGatewayRun(lifted.rest);
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
