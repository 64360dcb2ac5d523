#!/usr/bin/env node
// The `clawport` entry: main() lifts --profile/--dev out of argv, then hands the rest to oclif.
import { existsSync, readFileSync, statSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { arch, homedir, release } from 'node:os';
import { join } from 'node:path';

/**
 * Node ≥ 22.1 can keep the compiled code of the modules it loads on disk (module.enableCompileCache):
 * later starts skip compiling them. Kept under the user's cache dir (where oclif keeps its cache:
 * CLAWPORT_CACHE_DIR, else $XDG_CACHE_HOME/clawport, else ~/.cache/clawport, ~/Library/Caches/clawport on
 * macOS). Node checks each entry against the source, so an update is never run from a stale cache, and
 * a dir it cannot create or write only costs the speed-up: the command runs the same, nothing printed.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node's own switch).
 */
function enableCompileCache() {
  if (typeof module.enableCompileCache !== 'function') return;
  const home = process.env.HOME || homedir();
  const base = process.platform === 'darwin' ? join(home, 'Library', 'Caches') : process.env.XDG_CACHE_HOME || join(home, '.cache');
  try {
    module.enableCompileCache(join(process.env.CLAWPORT_CACHE_DIR || join(base, 'clawport'), 'node-compile-cache'));
  } catch {
    // Only a start-up speed-up: without it everything runs as before.
  }
}

/**
 * `clawport --version` alone is answered before oclif, zod and core load (they cost ~150 ms for one
 * line). It prints exactly oclif's Config.userAgent. Anything oclif would compute differently goes the
 * normal way: WSL (oclif says `wsl-x64`) and user-installed plugins (their init hooks run on --version).
 */
function fastVersionLine(argv) {
  if (argv.length !== 1 || argv[0] !== '--version') return undefined;
  const kernel = process.platform === 'linux' ? `${release()} ${readIfExists('/proc/version')}` : '';
  if (kernel.toLowerCase().includes('microsoft')) return undefined;
  const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const base = process.env.XDG_DATA_HOME || join(process.env.HOME || homedir(), '.local', 'share');
  const dataDir = process.env.OPENCLAW_DATA_DIR || process.env.CLAWPORT_DATA_DIR || join(base, pjson.oclif.dirname);
  if (process.platform === 'win32' || existsSync(join(dataDir, 'package.json'))) return undefined;
  return `${pjson.name}/${pjson.version} ${process.platform}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}`;
}

function readIfExists(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The read entry as one bundled file (scripts/bundle-entries.mjs, part of `npm run build`) unless a
 * later `tsc -b` of what it holds (the CLI, core, the gateway client) made it stale: then the modules.
 */
async function readEntry() {
  const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
  const bundle = mtime('../dist/read-entry.bundle.cjs');
  const builds = ['../tsconfig.tsbuildinfo', '../../core/tsconfig.tsbuildinfo', '../../gateway/tsconfig.tsbuildinfo'].map(mtime);
  if (bundle !== undefined && builds.every((t) => t === undefined || t <= bundle)) return createRequire(import.meta.url)('../dist/read-entry.bundle.cjs');
  return import('../dist/read-entry.js');
}

enableCompileCache();
const argv = process.argv.slice(2);
const version = fastVersionLine(argv);
if (version !== undefined) {
  process.stdout.write(`${version}\n`);
} else {
  // A plain `clawport [--profile P] gateway [--port N] [--bind B] [--token T]` (what services, the
  // supervisor and `up` run) starts without oclif; anything else, or any doubt, goes through oclif.
  const gateway = argv.includes('gateway') ? await (await import('../dist/gateway-entry.js')).runGatewayFast(argv) : undefined;
  // A plain `status [--all] [--json]` or `ports check [--json]` runs without oclif too (read-entry.ts).
  const read = gateway === undefined && (argv.includes('status') || argv.includes('ports')) ? await (await readEntry()).runReadFast(argv) : undefined;
  if (gateway !== undefined) {
    process.exitCode = gateway;
  } else if (read !== undefined) {
    process.exitCode = read;
  } else {
    const { main } = await import('../dist/index.js');
    process.exitCode = await main(argv);
  }
}
