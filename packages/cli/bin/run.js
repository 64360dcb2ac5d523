#!/usr/bin/env node
// The `clawport` entry: main() lifts --profile/--dev out of argv, then hands the rest to oclif.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { arch, homedir, release } from 'node:os';
import { join } from 'node:path';

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
function readEntry() {
  const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
  const bundle = mtime('../dist/read-entry.bundle.js');
  const builds = ['../tsconfig.tsbuildinfo', '../../core/tsconfig.tsbuildinfo', '../../gateway/tsconfig.tsbuildinfo'].map(mtime);
  return bundle !== undefined && builds.every((t) => t === undefined || t <= bundle) ? '../dist/read-entry.bundle.js' : '../dist/read-entry.js';
}

const argv = process.argv.slice(2);
const version = fastVersionLine(argv);
if (version !== undefined) {
  process.stdout.write(`${version}\n`);
} else {
  // A plain `clawport [--profile P] gateway [--port N] [--bind B] [--token T]` (what services, the
  // supervisor and `up` run) starts without oclif; anything else, or any doubt, goes through oclif.
  const gateway = argv.includes('gateway') ? await (await import('../dist/gateway-entry.js')).runGatewayFast(argv) : undefined;
  // A plain `status [--all] [--json]` or `ports check [--json]` runs without oclif too (read-entry.ts).
  const read = gateway === undefined && (argv.includes('status') || argv.includes('ports')) ? await (await import(readEntry())).runReadFast(argv) : undefined;
  if (gateway !== undefined) {
    process.exitCode = gateway;
  } else if (read !== undefined) {
    process.exitCode = read;
  } else {
    const { main } = await import('../dist/index.js');
    process.exitCode = await main(argv);
  }
}
