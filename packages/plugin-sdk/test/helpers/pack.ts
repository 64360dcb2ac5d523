import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const SDK_DIR = join(REPO, 'packages', 'plugin-sdk');
/** The real `clawport` bin (built by `npm run build`; a missing build fails loudly). */
export const CLAWPORT_BIN = join(REPO, 'packages', 'cli', 'bin', 'run.js');

/**
 * What an outside plugin project installs: the SDK and its runtime dependencies, plus the build
 * toolchain its scaffold names. Packed from this checkout so the test needs no registry.
 */
const PACKED = ['packages/plugin-sdk', 'node_modules/zod', 'node_modules/json5', 'node_modules/typescript', 'node_modules/@types/node', 'node_modules/undici-types'];

/** The environment of a child that must see none of this repo's npm or OPENCLAW_* settings. */
export function outsideEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|OPENCLAW_|INIT_CWD$|NODE_PATH$)/i.test(k)) env[k] = v;
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', ...extra };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = outsideEnv()): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

export async function runOk(cmd: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Run> {
  const r = await run(cmd, args, cwd, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.code}:\n${r.stdout}${r.stderr}`);
  return r;
}

/** Packs everything an outside plugin installs into a fresh temp dir; returns the tarball paths by package name. */
export async function packTarballs(): Promise<{ dir: string; tarballs: Record<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'clawport-sdk-tarballs-'));
  const r = await runOk('npm', ['pack', '--json', '--pack-destination', dir, ...PACKED.map((p) => join(REPO, p))], dir);
  const packed = JSON.parse(r.stdout) as Array<{ name: string; filename: string }>;
  return { dir, tarballs: Object.fromEntries(packed.map((p) => [p.name, join(dir, p.filename)])) };
}

/** `npm install` of local tarballs only: --offline, so a registry lookup fails the test instead of succeeding. */
export function installOffline(project: string, tarballs: readonly string[], cache: string): Promise<Run> {
  return runOk('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', cache, ...tarballs], project);
}
