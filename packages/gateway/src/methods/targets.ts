import { discoverInstances, readConfigFile, type DiscoveredInstance } from '@clawport/core/node';
import { ErrorCodes } from '../protocol/types.js';
import type { GatewayContext } from './context.js';
import { RpcError } from './params.js';

/** An instance a method acts on: this gateway's own, or another on the host (the rescue bot's case). */
export interface Target {
  name: string;
  profile: string;
  stateDir: string;
  configPath: string;
  base: number;
  self: boolean;
  discovered?: DiscoveredInstance;
}

/** Every instance on the host, this one included even when it has custom, unregistered paths. */
export async function listTargets(ctx: GatewayContext): Promise<Target[]> {
  const found = await discoverInstances({ env: { OPENCLAW_HOME: ctx.instance.home }, osHome: ctx.instance.home });
  const targets: Target[] = found.map((d) => ({
    name: d.instance.name,
    profile: d.instance.profile,
    stateDir: d.instance.stateDir,
    configPath: d.instance.configPath,
    base: d.instance.port,
    self: d.instance.stateDir === ctx.instance.stateDir,
    discovered: d,
  }));
  if (!targets.some((t) => t.self)) targets.push(selfTarget(ctx));
  return targets;
}

function selfTarget(ctx: GatewayContext): Target {
  const i = ctx.instance;
  return { name: i.name, profile: i.profile, stateDir: i.stateDir, configPath: i.configPath, base: i.port, self: true };
}

/**
 * The named instance (by name or profile); no name means this gateway's own instance. Another
 * instance is only a target when this instance's own config lists it in `watch.targets` (the trust
 * relation the user declares locally). Read fresh on every call, so `config set` takes effect at once.
 */
export async function findTarget(ctx: GatewayContext, name: string | undefined, method: string): Promise<Target> {
  if (name === undefined) return selfTarget(ctx);
  const all = await listTargets(ctx);
  const hit = all.find((t) => t.name === name) ?? all.find((t) => t.profile === name);
  if (!hit) {
    throw new RpcError(ErrorCodes.NOT_FOUND, `no instance named ${name} on this host (known: ${all.map((t) => t.name).join(', ') || 'none'})`);
  }
  if (hit.self) return hit;
  const trusted = (await readConfigFile(ctx.instance.configPath, ctx.schema)).config.watch?.targets ?? [];
  if (!trusted.includes(hit.name) && !trusted.includes(hit.profile)) {
    throw new RpcError(
      ErrorCodes.FORBIDDEN,
      `${method}: instance ${ctx.instance.name} may not act on ${hit.name} (not in its watch.targets); ` +
        `declare it locally: clawport --profile ${ctx.instance.profile} config set watch.targets '${JSON.stringify([...trusted, hit.profile])}'`,
    );
  }
  return hit;
}
