import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '@clawport/core';
import { installRefusal } from './package-kind.js';

const INSTALL = new Set(['install', 'add', 'i']);

/**
 * `clawport plugins install ./dir` (or `/abs/dir`, `dir`): @oclif/plugin-plugins reads a bare path as
 * a GitHub `owner/repo` and fails (offline: always). An argument that is an existing directory becomes
 * `file:<absolute path>`, which it installs from disk. Anything else (package names, `file:`, flags,
 * other commands) passes through unchanged; a path (`/x`, `./x`, `../x`, `~/x`) that is no directory is
 * refused (UsageError). Pure: the directory test is injected.
 */
/** How many leading words name the install command (`plugins install` 2, `plugins:install` 1), else 0. */
const installWords = (argv: readonly string[]) => ((argv[0] === 'plugins' && INSTALL.has(argv[1] ?? '')) ? 2 : /^plugins:(install|add|i)$/.test(argv[0] ?? '') ? 1 : 0);
const isInstall = (argv: readonly string[]) => installWords(argv) > 0;

export function rewritePluginInstall(argv: readonly string[], cwd: string, isDirectory: (path: string) => boolean): string[] {
  const install = installWords(argv);
  if (install === 0) return [...argv];
  let literal = false;
  return argv.map((arg, i) => {
    if (i < install) return arg;
    if (arg === '--') literal = true;
    if (arg === '--' || (!literal && arg.startsWith('-')) || arg.includes(':')) return arg;
    const path = resolve(cwd, arg);
    if (isDirectory(path)) return `file:${path}`;
    // A path that is not there would reach oclif as a GitHub `org/repo` (network, then a hang offline).
    if (/^(\.{0,2}\/|~)/.test(arg)) throw new UsageError(`plugins install: ${arg}: no such directory; nothing was installed`, 'give the directory of a CLI plugin package');
    return arg;
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readPackageJson(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Local packages given to `plugins install` must be CLI (oclif) plugins: anything else is refused
 * before oclif links it (which would leave a link and a dependency entry that `plugins uninstall`
 * does not know). Throws the refusal as one line.
 */
export function checkLocalInstalls(argv: readonly string[]): void {
  for (const arg of argv) {
    if (!arg.startsWith('file:')) continue;
    const dir = arg.slice('file:'.length);
    if (!isDirectory(dir)) continue;
    const refusal = installRefusal(dir, readPackageJson(dir));
    if (refusal) throw refusal;
  }
}

/**
 * What main() hands to oclif: argv with local plugin dirs rewritten (and checked to be CLI plugins),
 * and oclif's "linked ESM plugin" warning off (a linked plugin otherwise prints it on every command).
 */
export function pluginInstallArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  env.OCLIF_DISABLE_LINKED_ESM_WARNING ??= '1';
  const rewritten = rewritePluginInstall(argv, process.cwd(), isDirectory);
  if (isInstall(rewritten)) checkLocalInstalls(rewritten);
  return rewritten;
}
