import { fileURLToPath } from 'node:url';
import { flush, run } from '@oclif/core';
import { liftGlobalFlags } from '@clawport/core';
import { setLiftedFlags } from './context.js';
import { dropStaleManifest } from './manifest.js';
import { reportError } from './lib/shared/errors.js';

/**
 * Runs the CLI and returns the exit code. `--profile`/`--dev` are lifted out of argv first, wherever
 * they stand before `--`: oclif resolves the command id from the first token, so
 * `clawport --profile rescue gateway` would otherwise be "command --profile not found".
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const flags = liftGlobalFlags(argv);
    setLiftedFlags(flags);
    await dropStaleManifest(fileURLToPath(new URL('..', import.meta.url)));
    await run((await import('./lib/plugins/install-args.js')).pluginInstallArgs(flags.rest), import.meta.url);
    await flush();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return reportError(e, argv);
  }
}

export { BaseCommand } from './base-command.js';
