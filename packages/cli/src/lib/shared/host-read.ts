import { homedir } from 'node:os';
import { connectHost, type InstancePaths } from '@clawport/core';
import { clientToken, LOOPBACK, instancePlugins, readHost, refreshFacets, withLoadedPlugins, type Host, type ReadHostOptions } from '@clawport/core/node';
import type { InstanceContext } from './instance-context.js';

/** Where to reach an instance's gateway. `token` is a secret: never print it. */
export interface GatewayEndpoint {
  host: string;
  port: number;
  url: string;
  token?: string;
}

/**
 * Every instance on this host (core's host read model), as a command reads it. Never runs another
 * instance's plugin code; with an explicit `--profile P` (`target` returns P's paths) the user named P,
 * so P's own plugins are loaded (as `clawport --profile P gateway` would) and its footprint and
 * doctor checks include them. Free of oclif: BaseCommand and the fast read entry share it.
 */
export async function readHostFor(options: Omit<ReadHostOptions, 'env' | 'osHome'>, target: () => InstancePaths | undefined): Promise<Host> {
  const host = await readHost({ env: process.env, osHome: homedir(), ...options });
  const paths = target();
  if (paths === undefined) return host;
  const i = host.instances.findIndex((x) => x.discovered.instance.stateDir === paths.stateDir);
  if (i < 0 || host.instances[i].discovered.configError) return host;
  const own = await instancePlugins(host.instances[i].discovered.config, paths.configPath);
  host.instances[i] = withLoadedPlugins(host.instances[i], own.plugins, own.errors);
  // Its plugins' ports are part of its footprint now: who holds them is read again.
  if (options.facets?.includes('holders')) host.instances[i] = await refreshFacets(host, host.instances[i], ['holders']);
  return host;
}

/** How to reach the instance's gateway: its port is the runtime file's when it runs (core withRuntimePort, applied by loadInstanceContext). */
export async function gatewayEndpoint(ctx: InstanceContext): Promise<GatewayEndpoint> {
  const host = ctx.runtime?.host ? connectHost(ctx.runtime.host) : LOOPBACK;
  const port = ctx.instance.port;
  const token = await clientToken(ctx.paths.stateDir, ctx.config);
  return { host, port, url: `ws://${host}:${port}/`, token };
}
