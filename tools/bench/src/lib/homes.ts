import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveInstancePaths } from '@clawport/core';
import { ensureToken, writeConfig } from '@clawport/core/node';

/** Ports the bench may bind: above the reliability suite's 62000–63399, below the ephemeral range's end. */
export const BENCH_PORT_BASE = 63500;

/** A throwaway OPENCLAW_HOME. */
export async function tempHome(tag: string): Promise<{ home: string; cleanup(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), `clawport-bench-${tag}-`));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}

/**
 * Writes a profile the way `clawport --profile P setup --port B` leaves it (config 0600 with the base,
 * token 0600, state dir 0700), without paying a CLI start per profile.
 */
export async function writeProfile(home: string, profile: string, base: number, extra: Record<string, unknown> = {}): Promise<void> {
  const paths = resolveInstancePaths({ profile }, { OPENCLAW_HOME: home }, home);
  await writeConfig(paths.configPath, { gateway: { port: base }, ...extra });
  await ensureToken(paths.stateDir);
}

/** n profiles `p00`… with disjoint footprints (111 ports each, 120 apart), as `status --all` sees them. */
export async function writeProfiles(home: string, n: number, firstBase = 20000): Promise<void> {
  for (let i = 0; i < n; i++) await writeProfile(home, `p${String(i).padStart(2, '0')}`, firstBase + i * 120);
}

/**
 * The environment the CLI gets: the parent's minus every OPENCLAW_*, plus this home. Its cache dir (Node's
 * compile cache on Node >= 22.1, warmed by each figure's warm-up run) is in the home too, never the user's.
 */
export function cliEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENCLAW_')) env[k] = v;
  return { ...env, OPENCLAW_HOME: home, CLAWPORT_CACHE_DIR: join(home, '.cache-clawport'), FORCE_COLOR: '0', OCLIF_SKIP_NEW_VERSION_CHECK: 'true' };
}
