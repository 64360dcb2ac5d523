import type { InstanceSnapshot } from './snapshot.js';

export interface StatusSummary {
  text: string;
  tooltip: string;
  /** Highlight (warning background) when any instance conflicts. */
  warn: boolean;
}

/** `$(vm-running) 2 running / 3 instances`, plus `$(warning) 1 conflict` when footprints collide. */
export function statusSummary(snapshots: readonly InstanceSnapshot[]): StatusSummary {
  const running = snapshots.filter((s) => s.running).length;
  const conflicted = snapshots.filter((s) => s.health === 'conflict');
  const unhealthy = snapshots.filter((s) => s.health === 'unhealthy').length;
  let text = `$(vm-running) ${running} running / ${snapshots.length} instance${snapshots.length === 1 ? '' : 's'}`;
  if (conflicted.length > 0) text += ` $(warning) ${conflicted.length} conflict${conflicted.length === 1 ? '' : 's'}`;
  const tooltip = [
    `${running} of ${snapshots.length} gateways running${unhealthy ? `, ${unhealthy} unhealthy` : ''}`,
    ...conflicted.flatMap((s) => s.conflicts.map((c) => `conflict: ${c}`)),
    'Click to show the Gateways view',
  ].join('\n');
  return { text, tooltip, warn: conflicted.length > 0 };
}
