import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { browserManifest, clawportPluginSpecs, mergedConfigSchema, resolveInstance, resolveInstancePaths } from '@clawport/core';
import { loadPlugins, writeConfig } from '@clawport/core/node';
import { canvasPlugin, startGateway, type RunningGateway } from '@clawport/gateway';

export async function tempHome(): Promise<{ home: string; cleanup(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'clawport-metrics-gw-'));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}

/**
 * Writes the profile's openclaw.json and starts a gateway the way `clawport gateway` does: built-ins
 * plus the config's `plugins.load`, the config validated with every plugin's section merged in.
 * The browser built-in contributes its claims only (no Chromium here).
 */
export async function startWithPlugins(home: string, profile: string, config: Record<string, unknown>): Promise<RunningGateway> {
  const paths = resolveInstancePaths({ profile }, { OPENCLAW_HOME: home }, home);
  const written = await writeConfig(paths.configPath, config);
  const { plugins, errors } = await loadPlugins(clawportPluginSpecs(written), dirname(paths.configPath));
  const all = [canvasPlugin, browserManifest, ...plugins];
  const validated = mergedConfigSchema(all).parse(written);
  return startGateway({
    instance: resolveInstance(paths, validated, {}),
    config: validated,
    plugins: all,
    pluginLoadErrors: errors,
    version: '0.0.0-metrics-test',
  });
}
