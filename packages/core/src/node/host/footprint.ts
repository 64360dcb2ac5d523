import { PluginError, type ClawportError } from '../../errors.js';
import { resolveFootprint, type Footprint } from '../../ports/footprint.js';
import { footprintRefusal } from '../../ports/footprint-at.js';
import { builtinManifests } from '../../plugins/builtin.js';
import { openclawEngineManifest } from '../../engines/openclaw.js';
import type { EngineId } from '../../engines/settings.js';
import { clawportPluginSpecs } from '../../config/schema.js';
import type { BindScope, ClawportPlugin, ResolvedClaim } from '../../plugins/contract.js';
import type { RuntimeInfo } from '../../runtime.js';
import type { DiscoveredInstance } from '../discovery.js';
import type { HostInstance, PluginClaims } from './types.js';

const isBuiltinOwner = (owner: string) => owner === 'core' || owner === openclawEngineManifest.id || builtinManifests.some((p) => p.id === owner);

/** A runtime file's port entry as a claim; `bind` is recorded by newer gateways, older ones are read from the host. */
function claimFromRuntime(p: RuntimeInfo['ports'][number], runtime: RuntimeInfo): ResolvedClaim {
  const bind: BindScope = p.bind ?? (p.host === runtime.host ? 'gateway' : 'loopback');
  return { id: p.id, role: p.role, owner: p.owner, bind, start: p.start, end: p.end };
}

/**
 * An instance's footprint as a host-wide read may know it without running code named by its config:
 * core and the built-in plugins (our code, declared in core) resolved from the config, plus the
 * third-party claims its running gateway published. A stopped instance's third-party plugins are
 * "not loaded": never imported here (issue #16.3), their claims left out.
 */
export function declaredFootprint(
  d: DiscoveredInstance,
  engine?: EngineId,
): { footprint?: Footprint; plugins: PluginClaims; problems: ClawportError[] } {
  const specs = clawportPluginSpecs(d.config);
  const plugins: PluginClaims = { specs, source: d.runtime ? 'runtime' : 'not loaded' };
  if (d.configError) return { ...runtimeFootprint(d), plugins, problems: [] };
  // Upstream's gateway (engine openclaw) claims its own span and runs none of our plugins.
  const manifests = engine === 'openclaw' ? [openclawEngineManifest] : builtinManifests;
  const resolved = resolveFootprint(d.instance.name, d.instance.port, d.config, manifests);
  // Core's own ports out of range: the gateway refuses this config, so its footprint is as unknown as a
  // broken config's. A partial one (without the band that does not fit) would prove nothing about it.
  const refusal = footprintRefusal(resolved, d.instance.port, d.config, manifests, 'gateway.port');
  if (refusal) return { ...runtimeFootprint(d), plugins, problems: [refusal] };
  const problems: ClawportError[] = [...resolved.errors];
  const claims = [...resolved.footprint.claims];
  if (d.runtime) {
    for (const p of d.runtime.ports ?? []) if (!isBuiltinOwner(p.owner)) claims.push(claimFromRuntime(p, d.runtime));
    for (const e of d.runtime.pluginErrors ?? []) problems.push(new PluginError(e.id, e.message));
  }
  return { footprint: { ...resolved.footprint, claims }, plugins, problems };
}

/** A config the gateway cannot use (broken, or refused) of a running gateway: its runtime file still says what it binds. */
function runtimeFootprint(d: DiscoveredInstance): { footprint?: Footprint } {
  const runtime = d.runtime;
  if (!runtime) return {};
  return { footprint: { instance: d.instance.name, base: runtime.base, claims: runtime.ports.map((p) => claimFromRuntime(p, runtime)) } };
}

/**
 * Why an instance's footprint is unknown to a host-wide read and the gateway would refuse its config:
 * its config is broken, or core's own ports do not fit (a base too high). Undefined when it can start.
 * Every host-wide reader (ports check, status --all, profiles list, doctor) judges an instance by this.
 */
export function configProblem(i: Pick<HostInstance, 'discovered' | 'problems'>): ClawportError | undefined {
  return i.discovered.configError ?? i.problems.find((p) => !(p instanceof PluginError));
}

/**
 * The instance a command targets, with the plugins it imported for it (built-ins + its plugins.load):
 * its footprint then holds their claims as the gateway would resolve them, and their problems.
 */
export function withLoadedPlugins(i: HostInstance, plugins: readonly ClawportPlugin[], loadErrors: readonly ClawportError[] = []): HostInstance {
  const d = i.discovered;
  if (d.configError) return i;
  const resolved = resolveFootprint(d.instance.name, d.instance.port, d.config, plugins);
  const refusal = footprintRefusal(resolved, d.instance.port, d.config, plugins, 'gateway.port');
  if (refusal) {
    const refused: HostInstance = { ...i, plugins: { ...i.plugins, source: 'loaded', loaded: plugins }, problems: [...loadErrors, refusal] };
    delete refused.footprint;
    return { ...refused, ...runtimeFootprint(d) };
  }
  // What its running gateway reported (a plugin whose start threw: the gateway runs degraded) stays a problem.
  const reported = (d.runtime?.pluginErrors ?? []).filter((e) => !loadErrors.some((l) => l instanceof PluginError && l.pluginId === e.id));
  const problems = [...loadErrors, ...resolved.errors, ...reported.map((e) => new PluginError(e.id, e.message))];
  return { ...i, footprint: resolved.footprint, plugins: { ...i.plugins, source: 'loaded', loaded: plugins }, problems };
}
