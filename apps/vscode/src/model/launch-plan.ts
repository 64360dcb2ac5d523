import { instanceSelection } from '@clawport/core';
import type { InstanceSnapshot } from './snapshot.js';

/** A process to run, described before it runs ("describe, then run"): tests assert plans without spawning. */
export interface LaunchPlan {
  command: string;
  args: string[];
  /** Variables to set; `undefined` removes an inherited one. */
  env: Record<string, string | undefined>;
}

/** Where the CLI is and which Node runs it. */
export interface CliLocation {
  node: string;
  /** Path of bin/run.js, or undefined to run `clawport` from PATH. */
  cli?: string;
}

type Target = Pick<InstanceSnapshot, 'profile' | 'custom' | 'stateDir' | 'configPath'>;

/** `clawport [--profile P] <sub…>` through the configured Node and CLI entry; the instance selected by core's one rule. */
export function cliPlan(t: Target, where: CliLocation, sub: string[]): LaunchPlan {
  const { args, env } = instanceSelection(t);
  return where.cli
    ? { command: where.node, args: [where.cli, ...args, ...sub], env }
    : { command: 'clawport', args: [...args, ...sub], env };
}

/** Foreground gateway (what the supervisor or a terminal runs). */
export function gatewayPlan(t: Target, where: CliLocation): LaunchPlan {
  return cliPlan(t, where, ['gateway']);
}

/** Through the installed service manager: `openclaw [--profile P] gateway start|stop|restart`. */
export function servicePlan(t: Target, where: CliLocation, action: 'start' | 'stop' | 'restart'): LaunchPlan {
  return cliPlan(t, where, ['gateway', action]);
}

/** POSIX shell quoting, only where needed. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A plan as one line a user can paste into a shell. */
export function planToShell(plan: LaunchPlan): string {
  const env = Object.entries(plan.env)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${shellQuote(v!)}`);
  return [...env, shellQuote(plan.command), ...plan.args.map(shellQuote)].join(' ');
}

/**
 * The seed's manual form, which runs this exact instance without --profile:
 * `OPENCLAW_CONFIG_PATH=… OPENCLAW_STATE_DIR=… clawport gateway --port 18789`.
 */
export function manualEnvCommand(s: Pick<InstanceSnapshot, 'configPath' | 'stateDir' | 'base'>): string {
  return `OPENCLAW_CONFIG_PATH=${shellQuote(s.configPath)} OPENCLAW_STATE_DIR=${shellQuote(s.stateDir)} clawport gateway --port ${s.base}`;
}
