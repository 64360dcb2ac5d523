import { homedir } from 'node:os';
import { ConfigError, resolveInstance, resolveInstancePaths, serviceSpec, type GatewayCommand } from '@clawport/core';
import { execRunner, readConfigFile } from '@clawport/core/node';
import { installedBackend, restartProfileService } from './service.js';

/**
 * `hooks.restartInstance` for a rescue gateway (`instances.restart`): restarts the named profile through
 * whatever service runs it. Only the home is inherited from the environment, so the target's paths
 * follow from its name, never from variables meant for this gateway.
 */
export function serviceRestartHook(command: GatewayCommand, env: NodeJS.ProcessEnv = process.env, osHome: string = homedir()) {
  return async (name: string): Promise<{ instance: string; backend: string; restarted: true }> => {
    const paths = resolveInstancePaths({ profile: name }, { OPENCLAW_HOME: env.OPENCLAW_HOME }, osHome);
    const config = await readConfigFile(paths.configPath).then(
      (l) => l.config,
      (e: unknown) => {
        // A broken config is what a rescue is for: the service still knows its own port.
        if (e instanceof ConfigError) return undefined;
        throw e;
      },
    );
    const spec = serviceSpec(resolveInstance(paths, config, {}), command);
    const backend = await installedBackend(spec);
    await restartProfileService({ spec, runner: execRunner(), uid: process.getuid?.() });
    return { instance: name, backend, restarted: true };
  };
}
