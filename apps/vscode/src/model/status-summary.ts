import type { InstanceSnapshot } from './snapshot.js';
import { conflictLine } from './words.js';

export interface StatusSummary {
  text: string;
  tooltip: string;
  /** Highlight (warning background) when any instance has a conflict or a config error. */
  warn: boolean;
  /** Problems across instances (conflicts + config errors), for the view's badge. */
  problems: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `$(vm-running) 2 running / 3 instances`, plus `$(warning) 1 conflict` / `$(error) 1 config error`. */
export function statusSummary(snapshots: readonly InstanceSnapshot[]): StatusSummary {
  const running = snapshots.filter((s) => s.running).length;
  const conflicted = snapshots.filter((s) => s.conflicts.length > 0);
  // one overlap is one conflict, though both instances list it
  const causes = new Set(snapshots.flatMap((s) => s.conflicts.map((c) => (c.other ? [s.name, c.other.instance].sort().join('|') : `${s.name}:${c.port ?? ''}`))));
  const broken = snapshots.filter((s) => s.configError);
  const unhealthy = snapshots.filter((s) => s.running && s.healthy === false).length;
  let text = `$(vm-running) ${running} running / ${plural(snapshots.length, 'instance')}`;
  if (causes.size > 0) text += ` $(warning) ${plural(causes.size, 'conflict')}`;
  if (broken.length > 0) text += ` $(error) ${plural(broken.length, 'config error')}`;
  const tooltip = [
    `${running} of ${snapshots.length} gateways running${unhealthy ? `, ${unhealthy} not answering` : ''}`,
    ...conflicted.flatMap((s) => s.conflicts.map((c) => `conflict: ${conflictLine(s.name, c)}`)),
    ...broken.map((s) => `config error: ${s.name}: ${s.configError!.cause}`),
    'Click to show the Clawport view',
  ].join('\n');
  const problems = causes.size + broken.length;
  return { text, tooltip, warn: conflicted.length + broken.length > 0, problems };
}
