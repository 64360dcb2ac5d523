import { ClawportError } from '@clawport/core';
import { clientToken, findUpstreamServices, listListeners, readEngineSettings, readServiceManifest, type Host, type ReadHostOptions } from '@clawport/core/node';
import { footprintAt } from '../shared/footprints.js';
import { probeGatewayHealth } from '../shared/gateway-health.js';
import { gatewayEndpoint } from '../shared/host-read.js';
import type { InstanceContext } from '../shared/instance-context.js';
import { instanceStatus, statusInputOf, type InstanceStatus, type StatusInput } from './instance-status.js';
import { watchStatus } from './watch-status.js';

/**
 * `status --all`: every instance of the host read model (read with facets service and incidents, and
 * the listeners), each running gateway probed over WebSocket, all at once. Warnings (plugin problems)
 * go to `warn`, one per line, named by instance.
 */
export async function hostStatus(host: Host, warn: (line: string) => void): Promise<InstanceStatus[]> {
  const incidents = host.instances.flatMap((i) => i.incidents ?? []);
  const all = await Promise.all(
    host.instances.map(async (i) => {
      const d = i.discovered;
      const input = statusInputOf(i);
      // A token that cannot be read (a symlinked token file, refused) is this instance's problem,
      // shown in its row like a config error: it must not hide every other instance.
      const token = await clientToken(d.instance.stateDir, d.config).catch((e: unknown) => {
        if (!(e instanceof ClawportError)) throw e;
        input.configError ??= e.toLine();
        return undefined;
      });
      const s = await instanceStatus(input, host.listeners ?? [], probeGatewayHealth, token);
      return { ...s, ...watchStatus(d.instance, d.config, incidents, Date.now()) };
    }),
  );
  for (const s of all) for (const w of s.pluginProblems ?? []) warn(`${s.name}: ${w}`);
  return all;
}

/** The host facets `status --all` shows. */
export const HOST_STATUS_READ: Omit<ReadHostOptions, 'env' | 'osHome'> = { facets: ['service', 'incidents'], listeners: true };

/**
 * `status` of the targeted instance (its own plugins loaded, as `gateway start` would), with the
 * incidents any watcher recorded about it (`readHost` reads them host-wide, files only).
 */
export async function targetStatus(
  ctx: InstanceContext,
  readHost: (options: Omit<ReadHostOptions, 'env' | 'osHome'>) => Promise<Host>,
  warn: (line: string) => void,
): Promise<InstanceStatus> {
  const [endpoint, listeners, service, upstreamServices] = await Promise.all([
    gatewayEndpoint(ctx),
    listListeners(),
    readServiceManifest(ctx.paths).catch(() => undefined),
    findUpstreamServices(ctx.instance).catch(() => []),
  ]);
  const input: StatusInput = { instance: ctx.instance, configExists: ctx.loaded.exists, runtime: ctx.runtime, pluginProblems: [], service: service ?? null, upstreamServices, config: ctx.config, engine: (await readEngineSettings(ctx.paths.stateDir)).engine };
  try {
    input.claims = footprintAt(ctx.instance.name, ctx.instance.port, ctx.config, ctx.plugins, 'gateway.port', (w) => input.pluginProblems.push(w)).claims;
  } catch (e) {
    if (!(e instanceof ClawportError)) throw e;
    input.configError = e.toLine();
  }
  const host = await readHost({ facets: ['incidents'] });
  const incidents = host.instances.flatMap((i) => i.incidents ?? []);
  const status = { ...(await instanceStatus(input, listeners ?? [], probeGatewayHealth, endpoint.token)), ...watchStatus(ctx.instance, ctx.config, incidents, Date.now()) };
  for (const w of status.pluginProblems ?? []) warn(w);
  return status;
}
