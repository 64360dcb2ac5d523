import { statSync } from 'node:fs';
import { resolve } from 'node:path';

const INSTALL = new Set(['install', 'add', 'i']);

/**
 * `clawport plugins install ./dir` (or `/abs/dir`, `dir`): @oclif/plugin-plugins reads a bare path as
 * a GitHub `owner/repo` and fails (offline: always). An argument that is an existing directory becomes
 * `file:<absolute path>`, which it installs from disk. Anything else (package names, `file:`, flags,
 * other commands) passes through unchanged. Pure: the directory test is injected.
 */
export function rewritePluginInstall(argv: readonly string[], cwd: string, isDirectory: (path: string) => boolean): string[] {
  const install = (argv[0] === 'plugins' && INSTALL.has(argv[1] ?? '')) ? 2 : /^plugins:(install|add|i)$/.test(argv[0] ?? '') ? 1 : 0;
  if (install === 0) return [...argv];
  let literal = false;
  return argv.map((arg, i) => {
    if (i < install) return arg;
    if (arg === '--') literal = true;
    if (arg === '--' || (!literal && arg.startsWith('-')) || arg.includes(':')) return arg;
    const path = resolve(cwd, arg);
    return isDirectory(path) ? `file:${path}` : arg;
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What main() hands to oclif: argv with local plugin dirs rewritten, and oclif's "linked ESM plugin"
 * warning off (a linked plugin otherwise prints it on every command).
 */
export function pluginInstallArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  env.OCLIF_DISABLE_LINKED_ESM_WARNING ??= '1';
  return rewritePluginInstall(argv, process.cwd(), isDirectory);
}
