import { incidentsAbout, resolvedRecently, type Incident, type OpenClawConfig } from '@clawport/core';

/** What `status` says of the rescue watch for one instance, as a target and as a watcher. */
export interface WatchStatus {
  /** As a target: incidents about it not resolved yet (any watcher), and those resolved in the last 24 h. */
  incidents?: { open: Incident[]; resolvedLast24h: number; last?: Incident };
  /** As a watcher: its `watch.targets`, and how many incidents it has open about them. */
  watching?: { targets: string[]; open: number };
}

export function watchStatus(me: { name: string; profile: string }, config: OpenClawConfig, all: readonly Incident[], now: number): WatchStatus {
  const about = incidentsAbout(all, me);
  const open = about.filter((i) => i.state !== 'resolved');
  const resolvedLast24h = about.filter((i) => resolvedRecently(i, now)).length;
  const targets = config.watch?.targets ?? [];
  return {
    ...(about.length > 0 ? { incidents: { open, resolvedLast24h, ...(about.length > 0 ? { last: about.at(-1) } : {}) } } : {}),
    ...(targets.length > 0
      ? { watching: { targets: [...targets], open: all.filter((i) => (i.watcher === me.name || i.watcher === me.profile) && i.state !== 'resolved').length } }
      : {}),
  };
}

/** One line for the `incidents` row of `status`: the open one first, else the last day's count. */
export function incidentsLine(s: NonNullable<WatchStatus['incidents']>): string {
  if (s.open.length > 0) {
    const i = s.open.at(-1)!;
    return `${s.open.length} open: ${i.cause} (since ${i.detectedAt}, watched by ${i.watcher}${i.state === 'gave-up' ? ', gave up' : ''})`;
  }
  const last = s.last;
  return `none open · ${s.resolvedLast24h} resolved in the last 24 h${last ? ` (last: ${last.cause}; ${last.resolution ?? 'resolved'})` : ''}`;
}
