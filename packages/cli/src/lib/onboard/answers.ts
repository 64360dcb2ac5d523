import { isAbsolute } from 'node:path';
import {
  AllocationError,
  ClawportError,
  defaultBasePort,
  MAX_PORT,
  allocateBase,
  footprintShape,
  formatRange,
  parsePort,
  type ClawportPlugin,
  type Footprint,
  type InstancePaths,
  type OpenClawConfig,
} from '@clawport/core';
import { instancePlugins, listListeners, otherFootprints, readConfigFile, readHost, readRuntime } from '@clawport/core/node';
import { footprintAt, overlapsWith } from '../shared/footprints.js';

/** What onboarding knows about ports before it asks: every other footprint and every live listener. */
export interface PortPlan {
  name: string;
  config: OpenClawConfig;
  plugins: ClawportPlugin[];
  others: Footprint[];
  busy: Set<number>;
}

export async function portPlan(paths: InstancePaths): Promise<PortPlan> {
  const loaded = await readConfigFile(paths.configPath);
  const { plugins } = await instancePlugins(loaded.config, paths.configPath);
  const others = otherFootprints(await readHost({ env: { OPENCLAW_HOME: paths.home }, osHome: paths.home }), paths.stateDir);
  // This instance's own running gateway does not make its ports busy.
  const runtime = await readRuntime(paths.stateDir);
  const own = (port: number) => (runtime?.ports ?? []).some((p) => port >= p.start && port <= p.end);
  const busy = new Set(((await listListeners()) ?? []).map((l) => l.port).filter((p) => !own(p)));
  return { name: paths.name, config: loaded.config, plugins, others, busy };
}

/**
 * Why `port` cannot be this instance's base, in one line, or undefined when its whole footprint is
 * free: out of range, overlapping another instance (named precisely), or held by a live listener.
 */
export function baseProblem(plan: PortPlan, raw: string | number): string | undefined {
  let mine: Footprint;
  try {
    const port = parsePort(raw, 'base port');
    // A plugin's own bad claim does not make a base wrong (and is not repeated for every candidate).
    mine = footprintAt(plan.name, port, plan.config, plan.plugins, 'base port', () => undefined);
  } catch (e) {
    if (e instanceof ClawportError) return e.toLine();
    throw e;
  }
  const overlap = overlapsWith(mine, plan.others)[0];
  if (overlap) return `${overlap.message}: every port of a profile must stay its own (see: clawport ports check)`;
  for (const claim of mine.claims) {
    for (let p = claim.start; p <= claim.end; p++) {
      if (plan.busy.has(p)) return `${plan.name} ${claim.role} ${formatRange(claim.start, claim.end)}: port ${p} is already in use by another process`;
    }
  }
  return undefined;
}

/**
 * The base the wizard proposes. Following the seed (a rescue bot at 19789 next to 18789), it prefers
 * round steps of 1000 above the highest other base; every candidate is judged by core's allocator (the
 * one allocator: whole footprint free, never touching the ephemeral range or passing 65535), and a step
 * is taken only when the allocator accepts it as is. If no step fits, the lowest free base.
 */
export function suggestBase(plan: PortPlan, profile: string): number {
  const first = defaultBasePort(profile);
  const options = { shape: footprintShape(plan.config, plan.plugins), taken: plan.others.flatMap((f) => f.claims), busy: plan.busy };
  if (plan.others.length > 0) {
    const highest = Math.max(...plan.others.map((f) => f.base));
    for (let step = highest + 1000; step <= MAX_PORT; step += 1000) {
      let base: number;
      try {
        base = allocateBase({ ...options, start: step });
      } catch (e) {
        if (e instanceof AllocationError) break;
        throw e;
      }
      if (base === step) return base;
    }
  }
  return allocateBase({ ...options, start: first });
}

/** Workspace answers: absolute or `~/…`, no control characters. */
export function workspaceProblem(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return 'the workspace needs a path';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) return 'the workspace path contains control characters';
  if (!(value === '~' || value.startsWith('~/') || isAbsolute(value))) return `workspace ${JSON.stringify(value)} is not an absolute path (use /… or ~/…)`;
  return undefined;
}

export function tokenProblem(raw: string): string | undefined {
  if (raw.length < 16) return `a token needs at least 16 characters (got ${raw.length})`;
  if (/\s/.test(raw)) return 'a token cannot contain spaces or line breaks';
  return undefined;
}
