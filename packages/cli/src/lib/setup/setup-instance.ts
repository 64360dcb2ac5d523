import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  defaultBasePort,
  PortConflictError,
  UsageError,
  allocateBase,
  footprintShape,
  formatRange,
  resolveInstance,
  type Env,
  type Footprint,
  type InstancePaths,
} from '@clawport/core';
import {
  chmodNoFollow,
  ensurePrivateDir,
  ensureToken,
  instancePlugins,
  otherFootprints,
  readConfigFile,
  readHost,
  readRuntime,
  registerInstance,
  updateConfig,
  withFileLock,
  type Host,
} from '@clawport/core/node';
import { footprintAt, foreignListeners, overlapsWith } from '../shared/footprints.js';
import type { InstanceSummary } from '../status/instance-status.js';

/** What `setup --json` prints. */
export interface SetupResult extends InstanceSummary {
  /** `allocated` when setup chose the base; else where the base came from. */
  baseSource: 'allocated' | 'flag' | 'env' | 'config';
  /** True when this run created the config file. */
  created: boolean;
  /** What this run changed; empty on a re-run (setup is idempotent). */
  changed: string[];
}

/**
 * Creates (or completes) an instance: state dir 0700, config 0600 with a base port, workspace, token,
 * and a registry entry for custom paths. Without a base from flag/env/config it allocates the lowest
 * base whose whole footprint is free across every instance and live listener, outside the ephemeral
 * range. A host-wide lock serialises allocations so two setups never pick the same base.
 */
export async function setupInstance(
  paths: InstancePaths,
  env: Env,
  portFlag?: number,
  warn: (line: string) => void = () => undefined,
): Promise<SetupResult> {
  // Bad input (port, broken config, a chosen base that overlaps another instance) fails here, before
  // anything is created; the same checks run again under the lock.
  const first = await readConfigFile(paths.configPath);
  const chosen = resolveInstance(paths, first.config, env, portFlag);
  const host = await readHost({ env: { OPENCLAW_HOME: paths.home }, osHome: paths.home });
  if (!first.exists) refuseSharedStateDir(paths, host);
  if (chosen.sources.port !== 'default') {
    const { plugins } = await instancePlugins(first.config, paths.configPath);
    const where = chosen.sources.port === 'flag' ? '--port' : chosen.sources.port === 'env' ? 'OPENCLAW_GATEWAY_PORT' : 'gateway.port';
    assertNoOverlap(footprintAt(paths.name, chosen.port, first.config, plugins, where, () => undefined), otherFootprints(host, paths.stateDir), paths.name);
  }
  const lockDir = join(paths.home, '.config', 'clawport');
  await ensurePrivateDir(lockDir);
  return withFileLock(join(lockDir, 'allocate.lock'), async () => {
    const loaded = await readConfigFile(paths.configPath);
    const resolved = resolveInstance(paths, loaded.config, env, portFlag);
    for (const w of resolved.warnings.slice(paths.warnings.length)) warn(w);
    const { plugins } = await instancePlugins(loaded.config, paths.configPath);
    const underLock = await readHost({ env: { OPENCLAW_HOME: paths.home }, osHome: paths.home });
    if (!loaded.exists) refuseSharedStateDir(paths, underLock);
    const others = otherFootprints(underLock, paths.stateDir);
    const runtime = await readRuntime(paths.stateDir);
    const busy = await foreignListeners(runtime);

    let base: number;
    let baseSource: SetupResult['baseSource'];
    if (resolved.sources.port === 'default') {
      base = allocateBase({
        shape: footprintShape(loaded.config, plugins),
        taken: others.flatMap((f) => f.claims),
        busy: busy.map((l) => l.port),
        start: defaultBasePort(paths.profile),
      });
      baseSource = 'allocated';
    } else {
      base = resolved.port;
      baseSource = resolved.sources.port as SetupResult['baseSource'];
    }
    const where = baseSource === 'flag' ? '--port' : baseSource === 'env' ? 'OPENCLAW_GATEWAY_PORT' : 'gateway.port';
    const mine = footprintAt(paths.name, base, loaded.config, plugins, where, warn);
    assertNoOverlap(mine, others, paths.name);

    // A chosen base with a live listener on it is written anyway (setup binds nothing; the gateway
    // checks again when it starts), but the user hears about it now.
    for (const claim of mine.claims) {
      const taken = busy.find((l) => l.port >= claim.start && l.port <= claim.end);
      if (taken) warn(`${paths.name} ${claim.role} ${formatRange(claim.start, claim.end)}: port ${taken.port} is in use by another process right now`);
    }

    const changed: string[] = [];
    await ensurePrivateDir(paths.stateDir);
    if (!loaded.exists || loaded.config.gateway?.port !== base) {
      await updateConfig(paths.configPath, (raw) => {
        const gateway = (raw.gateway ?? {}) as Record<string, unknown>;
        return { ...raw, gateway: { ...gateway, port: base } };
      });
      changed.push(loaded.exists ? `gateway.port=${base}` : `created ${paths.configPath}`);
    } else {
      await chmodNoFollow(paths.configPath, 0o600);
    }
    await mkdir(resolved.workspace, { recursive: true, mode: 0o700 });
    await ensureToken(paths.stateDir);
    if (paths.custom) {
      await registerInstance(paths.home, { name: paths.name, stateDir: paths.stateDir, configPath: paths.configPath });
    }
    return {
      name: paths.name,
      profile: paths.profile,
      stateDir: paths.stateDir,
      configPath: paths.configPath,
      workspace: resolved.workspace,
      base,
      baseSource,
      created: !loaded.exists,
      changed,
    };
  });
}

/**
 * Refuses creating an instance in a state dir another instance already lives in (a custom-path
 * instance in `~/.openclaw-main` next to profile main's own config, or the reverse): the two would
 * share the lock, runtime file, logs and credentials. Doctor reports such a pair made by hand.
 */
function refuseSharedStateDir(paths: InstancePaths, host: Host): void {
  const other = host.instances.find((i) => i.discovered.instance.stateDir === paths.stateDir && i.discovered.instance.configPath !== paths.configPath);
  if (!other) return;
  const o = other.discovered.instance;
  const byProfile = !o.custom && !other.discovered.registered;
  throw new UsageError(
    `${paths.stateDir} is already ${byProfile ? `profile ${o.profile}'s state dir` : `the state dir of ${o.name} (config ${o.configPath})`}: two instances in one state dir share its lock, runtime file, logs and credentials`,
    byProfile ? `give this instance its own OPENCLAW_STATE_DIR, or use --profile ${o.profile}` : 'give this instance its own OPENCLAW_STATE_DIR',
  );
}

/** Refuses a base whose footprint overlaps another instance's, naming the overlap exactly. */
function assertNoOverlap(mine: Footprint, others: readonly Footprint[], name: string): void {
  const conflict = overlapsWith(mine, others)[0];
  if (!conflict) return;
  const mineIsA = conflict.a.instance === name;
  throw new PortConflictError(
    conflict.message,
    'choose another base, or let setup allocate one: clawport ports suggest',
    conflict.start,
    mineIsA ? conflict.a.claim.role : conflict.b.claim.role,
    mineIsA ? conflict.b.instance : conflict.a.instance,
  );
}
