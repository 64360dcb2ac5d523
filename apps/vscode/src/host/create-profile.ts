import { mkdir, stat } from 'node:fs/promises';
import { UsageError, defaultWorkspace, parseProfileName, resolveInstancePaths, type Env } from '@clawport/core';
import { ensurePrivateDir, ensureToken, writeConfig } from '@clawport/core/node';
import { assertDisjoint } from '../model/new-profile.js';
import type { InstanceSnapshot } from '../model/snapshot.js';

export interface NewProfile {
  name: string;
  base: number;
  /** Empty or undefined: the profile's default workspace (~/.openclaw/workspace-<name>). */
  workspace?: string;
}

/**
 * Creates a profile the way `clawport setup` does: state dir 0700, config 0600 with the chosen base port
 * and workspace (atomic, validated by core), the gateway token, the workspace dir. Refuses an existing
 * profile and a base whose footprint overlaps another instance; nothing is written then.
 */
export async function createProfile(input: NewProfile, ctx: { env: Env; osHome: string; existing: readonly InstanceSnapshot[] }): Promise<{ configPath: string; stateDir: string; workspace: string }> {
  const name = parseProfileName(input.name, 'profile name');
  const paths = resolveInstancePaths({ profile: name }, { OPENCLAW_HOME: ctx.env.OPENCLAW_HOME }, ctx.osHome);
  if (await stat(paths.configPath).then(() => true, () => false)) {
    throw new UsageError(`profile ${name} already exists (${paths.configPath})`, 'choose another name, or open its config');
  }
  assertDisjoint(name, input.base, ctx.existing);
  const workspace = input.workspace?.trim() || defaultWorkspace(name, paths.home);
  await ensurePrivateDir(paths.stateDir);
  await writeConfig(paths.configPath, { gateway: { port: input.base }, agents: { defaults: { workspace } } });
  await ensureToken(paths.stateDir);
  await mkdir(workspace, { recursive: true, mode: 0o700 });
  return { configPath: paths.configPath, stateDir: paths.stateDir, workspace };
}
