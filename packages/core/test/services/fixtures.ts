import { resolveInstance, resolveInstancePaths, type Env, type ResolvedInstance } from '../../src/instance.js';
import type { GatewayCommand } from '../../src/services/spec.js';

/** Fixed paths so golden files do not depend on the machine. */
export const HOME = '/home/alice';
export const COMMAND: GatewayCommand = { node: '/usr/local/bin/node', script: '/opt/clawport/packages/cli/bin/run.js' };

/** The three profiles of the acceptance criteria, with the seed's ports. */
export const PROFILES: Array<{ profile?: string; port: number; label: string }> = [
  { label: 'default', port: 18789 },
  { label: 'main', profile: 'main', port: 18789 },
  { label: 'rescue', profile: 'rescue', port: 19789 },
];

export function instanceFor(profile: string | undefined, port: number, env: Env = {}, home = HOME): ResolvedInstance {
  const paths = resolveInstancePaths({ profile }, env, home);
  return resolveInstance(paths, { gateway: { port } }, env);
}
