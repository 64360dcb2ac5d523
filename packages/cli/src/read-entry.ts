import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { liftGlobalFlags, resolveInstancePaths, type GlobalFlags, type InstancePaths } from '@clawport/core';
import { setLiftedFlags } from './context.js';
import { reportError } from './lib/shared/errors.js';
import { readHostFor } from './lib/shared/host-read.js';
import { loadInstanceContext } from './lib/shared/instance-context.js';
import { portsCheck } from './lib/ports/ports-check.js';
import { HOST_STATUS_READ, hostStatus, targetStatus } from './lib/status/status-report.js';
import { hostStatusText, statusText } from './lib/status/status-text.js';
import { printWarning } from './lib/shared/warn.js';

/** A read command this entry runs itself, with its flags. */
type PlainRead = { command: 'status'; all: boolean; json: boolean } | { command: 'ports check'; json: boolean };

/**
 * `status [--all] [--json]` or `ports check [--json]` and nothing else (each flag at most once, any
 * order; `--profile`/`--dev` already lifted), or undefined: anything else (`--help`, a typo, `--`,
 * `ports:check`) goes through oclif, which owns the messages for it. This is a match of whole tokens,
 * not a parser: the flags are the commands' own booleans.
 */
export function plainRead(rest: readonly string[]): PlainRead | undefined {
  const flags = (from: number, allowed: readonly string[]) => {
    const given = rest.slice(from);
    return given.every((f) => allowed.includes(f)) && new Set(given).size === given.length ? new Set(given) : undefined;
  };
  if (rest[0] === 'status') {
    const f = flags(1, ['--all', '--json']);
    return f && { command: 'status', all: f.has('--all'), json: f.has('--json') };
  }
  if (rest[0] === 'ports' && rest[1] === 'check') {
    const f = flags(2, ['--json']);
    return f && { command: 'ports check', json: f.has('--json') };
  }
  return undefined;
}

/**
 * True when oclif would do more than run the command: plugins the user installed with `clawport plugins
 * install` (their hooks run on every command), a user theme (colours `--json`), CLAWPORT_CONTENT_TYPE
 * (JSON without --json), DEBUG (oclif's debug lines), or Windows (other dirs). Mirrors oclif's Config.
 */
function oclifMustRun(env: NodeJS.ProcessEnv): boolean {
  if (process.platform === 'win32' || env.DEBUG !== undefined || env.CLAWPORT_CONTENT_TYPE !== undefined) return true;
  const home = env.HOME || homedir() || tmpdir();
  const dataDir = env.CLAWPORT_DATA_DIR || join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'clawport');
  const configDir = env.CLAWPORT_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(home, '.config'), 'clawport');
  return existsSync(join(dataDir, 'package.json')) || existsSync(join(configDir, 'theme.json'));
}

/**
 * Runs a plain `clawport [--profile P] status [--all] [--json]` or `ports check [--json]` without loading
 * oclif (the read commands a user, a script or the editor runs most), with the same work, text, JSON,
 * warnings, errors and exit codes as the oclif commands (they call the same lib functions). Returns
 * undefined when argv is not such a command, so bin/run.js hands it to oclif.
 */
export async function runReadFast(argv: readonly string[]): Promise<number | undefined> {
  let lifted: GlobalFlags;
  try {
    lifted = liftGlobalFlags(argv);
  } catch {
    return undefined; // oclif's path reports it, as for any other command
  }
  const read = plainRead(lifted.rest);
  if (read === undefined || oclifMustRun(process.env)) return undefined;
  setLiftedFlags(lifted);
  try {
    const target = (): InstancePaths | undefined => (lifted.profile === undefined ? undefined : resolveTarget(lifted.profile));
    let result: unknown;
    let text: string;
    let exitCode = 0;
    if (read.command === 'ports check') {
      const report = portsCheck(await readHostFor({}, target));
      for (const w of report.warnings) printWarning(w);
      ({ result, text, exitCode } = report);
    } else if (read.all) {
      const all = await hostStatus(await readHostFor(HOST_STATUS_READ, target), printWarning);
      [result, text] = [all, hostStatusText(all)];
    } else {
      const status = await targetStatus(await loadInstanceContext(resolveTarget(lifted.profile), undefined, printWarning), (o) => readHostFor(o, target), printWarning);
      [result, text] = [status, statusText(status)];
    }
    // What oclif prints: the text, or with --json the result (Command.logJson: two-space JSON).
    if (read.json) console.log(JSON.stringify(result, null, 2));
    else if (text !== '') console.log(text);
    return exitCode;
  } catch (e) {
    return reportError(e, argv);
  }
}

/** The targeted instance's paths, with core's warnings printed once each (BaseCommand.resolvePaths). */
function resolveTarget(profile: string | undefined): InstancePaths {
  const paths = resolveInstancePaths({ profile }, process.env, homedir());
  for (const w of paths.warnings) printWarning(w);
  return paths;
}
