import { join } from 'node:path';
import {
  ConfigError,
  DEFAULT_ENGINE,
  engineReadyLimitMs,
  formatCommand,
  type BackendId,
  resolveInstance,
  serviceSpec,
  withOpenclawEngine,
  type BackendChoice,
  type GatewayCommand,
  type InstancePaths,
  type ResolvedInstance,
} from '@clawport/core';
import { execRunner, readConfigFile, readEngineSettings, type InstallReport } from '@clawport/core/node';
import type { ServiceContext } from '@clawport/gateway';
import type { InstanceContext } from '../../base-command.js';
import { locateCheckedOpenclaw } from './openclaw-command.js';

/**
 * Shared by the `gateway install|uninstall|start|stop|restart|status|logs`, `onboard` and `rescue`
 * commands: what a service runs (this CLI's own bin under this node) and how it is driven.
 */
export function gatewayCommand(cliRoot: string): GatewayCommand {
  return { node: process.execPath, script: join(cliRoot, 'bin', 'run.js') };
}

export function serviceContext(instance: ResolvedInstance, cliRoot: string): ServiceContext {
  return { spec: serviceSpec(instance, gatewayCommand(cliRoot)), runner: execRunner(), uid: process.getuid?.() };
}

/**
 * The context for writing a service: for an openclaw-engine profile the upstream command and its Node
 * are found now (one line and nothing written when they cannot run) and pinned in the service.
 */
export async function installServiceContext(instance: ResolvedInstance, cliRoot: string): Promise<ServiceContext> {
  const ctx = serviceContext(instance, cliRoot);
  const settings = await readEngineSettings(instance.stateDir);
  if (settings.engine !== 'openclaw') return ctx;
  return { ...ctx, spec: withOpenclawEngine(ctx.spec, await locateCheckedOpenclaw(settings)) };
}

/** `--backend` (validated: unknown → exit 2) or detection, with the one line saying why. */
export async function backendChoice(flag: BackendId | undefined): Promise<BackendChoice> {
  const { detectBackend } = await import('@clawport/gateway');
  return detectBackend(flag);
}

/** `clawport --profile P` or `clawport` for the default instance: for hints users can paste. */
export function cliFor(instance: Pick<ResolvedInstance, 'profile' | 'custom'>): string {
  return instance.custom || instance.profile === 'default' ? 'clawport' : `clawport --profile ${instance.profile}`;
}

/** What `install --dry-run` prints: every file in full and every command, in order. */
export function dryRunText(report: InstallReport): string {
  const parts: string[] = [];
  for (const f of report.files) {
    const note = f.createOnly ? ', only if missing' : '';
    parts.push(`--- would write ${f.path} (mode 0${f.mode.toString(8)}${f.encoding === 'utf16le-bom' ? ', UTF-16' : ''}${note})`, f.content.replace(/\r\n/g, '\n').trimEnd());
  }
  for (const c of report.commands) parts.push(`--- would run: ${formatCommand(c)}`);
  if (report.commands.length === 0 && report.backend === 'supervisor') parts.push('--- would run: nothing (start it with: gateway start)');
  return parts.join('\n');
}

/**
 * The instance as its service must run it: the configured port (or --port), not the port a gateway
 * happens to run on now (loadInstance prefers the runtime file). Refuses a profile that is not set up.
 */
export function configuredInstance(ctx: InstanceContext, portFlag?: number): ResolvedInstance {
  if (!ctx.loaded.exists) {
    throw new ConfigError(`profile ${ctx.paths.name} is not set up (no ${ctx.paths.configPath})`, `run: ${cliFor(ctx.paths)} setup (or onboard) first`);
  }
  return resolveInstance(ctx.paths, ctx.config, process.env, portFlag);
}

/**
 * After start/restart: polls /healthz on the service's port until it answers (or the limit passes),
 * so the command says "healthy" only when it is. The limit is the profile's engine's (core
 * engineReadyLimitMs: upstream OpenClaw may need minutes on a loaded machine); a guard against
 * hanging, not a performance target.
 */
export async function waitHealthy(instance: { port: number; stateDir: string }): Promise<{ ok: boolean; ms: number }> {
  const { probeHealthz } = await import('../shared/probe.js');
  const { port } = instance;
  const limitMs = engineReadyLimitMs((await readEngineSettings(instance.stateDir).catch(() => undefined))?.engine ?? DEFAULT_ENGINE);
  const started = Date.now();
  for (;;) {
    const probe = await probeHealthz({ host: '127.0.0.1', port }, 1000);
    if (probe.ok) return { ok: true, ms: Date.now() - started };
    if (Date.now() - started > limitMs) return { ok: false, ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The instance for commands that must work while its config is broken (stop, uninstall, logs,
 * status): the service is found by profile and state dir; the port falls back to the default and the
 * config's error is returned for the caller to report.
 */
export async function instanceDespiteConfig(paths: InstancePaths): Promise<{ instance: ResolvedInstance; configError?: ConfigError }> {
  try {
    const loaded = await readConfigFile(paths.configPath);
    return { instance: resolveInstance(paths, loaded.config, process.env) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { instance: resolveInstance(paths, undefined, process.env), configError: e };
  }
}
