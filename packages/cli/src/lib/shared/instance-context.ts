import { resolveInstance, withRuntimePort, type ClawportPlugin, type InstancePaths, type OpenClawConfig, type ResolvedInstance, type RuntimeInfo } from '@clawport/core';
import { instancePlugins, readConfigFile, readRuntime, type LoadedConfig } from '@clawport/core/node';

/** Everything a command needs to know about the instance it acts on. */
export interface InstanceContext {
  paths: InstancePaths;
  loaded: LoadedConfig;
  config: OpenClawConfig;
  /** Paths, workspace and base port; the port comes from the runtime file while the gateway runs. */
  instance: ResolvedInstance;
  /** Present only while the instance's gateway is alive. */
  runtime?: RuntimeInfo;
  /** Footprint plugins (built-in manifests + plugins.load). */
  plugins: ClawportPlugin[];
}

/**
 * The instance with its config (a broken config throws its ConfigError, exit 78) and, when the
 * gateway runs, its runtime file: a gateway started with `--port` only runs where the runtime says,
 * so nobody probes a default port for a profile that runs elsewhere. Free of oclif, so the gateway's
 * fast entry (src/gateway-entry.ts) and every command share it.
 */
export async function loadInstanceContext(
  paths: InstancePaths,
  port: string | number | undefined,
  warn: (line: string) => void,
): Promise<InstanceContext> {
  const loaded = await readConfigFile(paths.configPath);
  const resolved = resolveInstance(paths, loaded.config, process.env, port);
  for (const w of resolved.warnings) warn(w);
  const runtime = await readRuntime(paths.stateDir);
  const instance = withRuntimePort(resolved, runtime);
  const { plugins, errors } = await instancePlugins(loaded.config, paths.configPath);
  for (const e of errors) warn(e.toLine());
  return { paths, loaded, config: loaded.config, instance, runtime, plugins };
}
