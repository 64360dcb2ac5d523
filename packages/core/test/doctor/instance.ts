import { footprint } from '../../src/ports/footprint.js';
import { builtinManifests } from '../../src/plugins/builtin.js';
import type { ClawportPlugin, DoctorInstance } from '../../src/plugins/contract.js';
import type { OpenClawConfig } from '../../src/config/schema.js';

export const H = '/home/u';

/** A profile instance under H as doctor sees it, its footprint from the built-ins plus `plugins`. */
export function inst(
  name: string,
  base: number,
  config: OpenClawConfig = {},
  paths: Partial<DoctorInstance> = {},
  plugins: readonly ClawportPlugin[] = [],
): DoctorInstance {
  return {
    name,
    profile: name,
    stateDir: `${H}/.openclaw-${name}`,
    configPath: `${H}/.openclaw-${name}/openclaw.json`,
    workspace: `${H}/.openclaw/workspace-${name}`,
    base,
    config,
    footprint: footprint(name, base, config, [...builtinManifests, ...plugins]).claims,
    ...paths,
  };
}
