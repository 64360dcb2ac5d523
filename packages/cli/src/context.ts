import type { GlobalFlags } from '@clawport/core';

/**
 * The root flags main() lifted out of argv before oclif ran. Kept in memory rather than exported as
 * OPENCLAW_* variables: core's resolveInstancePaths must tell a flag from inherited environment to
 * warn when the environment is ignored.
 */
export type LiftedFlags = Omit<GlobalFlags, 'rest'>;

let lifted: LiftedFlags | undefined;

export function setLiftedFlags(flags: LiftedFlags): void {
  lifted = { profile: flags.profile, dev: flags.dev };
}

/** undefined when the command was not started through main() (e.g. @oclif/test's runCommand). */
export function liftedFlags(): LiftedFlags | undefined {
  return lifted;
}
