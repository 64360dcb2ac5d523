import { resolveInstance, resolveInstancePaths, type Env } from '../../src/instance.js';
import { liftGlobalFlags } from '../../src/argv.js';
import type { OpenClawConfig } from '../../src/config/schema.js';

export const HOME = '/home/u';

/** argv + env + config → the resolved instance, the way the CLI does it (OS home /home/u). */
export function resolve(argv: string[], env: Env = {}, config?: OpenClawConfig, portFlag?: string) {
  const flags = liftGlobalFlags(argv);
  return resolveInstance(resolveInstancePaths(flags, env, HOME), config, env, portFlag);
}
