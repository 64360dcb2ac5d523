/**
 * An incident of the watcher: a watched instance that failed, what was done about it and whether it
 * came back. Stored append-only as JSON lines in the watcher's state dir: every change appends the
 * whole incident again, so the last line with an id is its current state and nothing is rewritten.
 */
export interface IncidentAction {
  kind: 'restart' | 'rollback' | 'give-up' | 'restarted-by-service';
  at: string;
  result: 'ok' | 'failed';
  detail?: string;
}

export interface Incident {
  id: string;
  /** The instance that failed. */
  target: string;
  /** The instance that watched it and wrote this record. */
  watcher: string;
  detectedAt: string;
  cause: string;
  state: 'open' | 'acting' | 'gave-up' | 'resolved';
  actions: IncidentAction[];
  resolvedAt?: string;
  /** How it ended: "live again after restart 1", "live again after rolling back the config"… */
  resolution?: string;
}

export const INCIDENTS_FILE = 'watch/incidents.jsonl';

/** Folds the JSON lines into incidents (last line per id wins), oldest first; torn lines are skipped. */
export function foldIncidents(text: string): Incident[] {
  const byId = new Map<string, Incident>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const i = JSON.parse(line) as Incident;
      if (typeof i.id === 'string' && typeof i.target === 'string') {
        byId.delete(i.id);
        byId.set(i.id, i);
      }
    } catch {
      // a line torn by a crash mid-append: the next append of that incident supersedes it
    }
  }
  return [...byId.values()].sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
}

/** Watch settings with the product defaults filled in (tests shorten them in config, never here). */
export interface WatchSettings {
  targets: string[];
  intervalMs: number;
  failureThreshold: number;
  startGraceMs: number;
  probeTimeoutMs: number;
  restart: { attempts: number; backoffMs: number; waitMs: number };
  onIncident?: { command: string[]; timeoutMs: number };
}

export function watchSettings(watch: {
  targets?: string[];
  intervalMs?: number;
  failureThreshold?: number;
  startGraceMs?: number;
  probeTimeoutMs?: number;
  restart?: { attempts?: number; backoffMs?: number; waitMs?: number };
  onIncident?: { command: string[]; timeoutMs?: number };
} = {}): WatchSettings {
  return {
    targets: watch.targets ?? [],
    intervalMs: watch.intervalMs ?? 5000,
    failureThreshold: watch.failureThreshold ?? 3,
    // Upstream's gateway takes 8–11 s to be ready; a slow start is not a failure.
    startGraceMs: watch.startGraceMs ?? 30_000,
    probeTimeoutMs: watch.probeTimeoutMs ?? 2000,
    restart: { attempts: watch.restart?.attempts ?? 3, backoffMs: watch.restart?.backoffMs ?? 2000, waitMs: watch.restart?.waitMs ?? 30_000 },
    ...(watch.onIncident ? { onIncident: { command: watch.onIncident.command, timeoutMs: watch.onIncident.timeoutMs ?? 10_000 } } : {}),
  };
}

/** A stop someone asked for (`down`, `gateway stop`, the sidebar): the watcher reads it, never guesses. */
export interface StopIntent {
  by: string;
  at: number;
  pid?: number;
}

export const STOP_INTENT_FILE = 'gateway.stopped-on-purpose.json';

/** How far back "recent" incidents reach in status, doctor and the sidebar. */
export const RECENT_INCIDENT_MS = 24 * 60 * 60 * 1000;

/** A resolved incident whose resolution lies within RECENT_INCIDENT_MS of now. */
export function resolvedRecently(i: Incident, now: number): boolean {
  return i.state === 'resolved' && i.resolvedAt !== undefined && now - Date.parse(i.resolvedAt) <= RECENT_INCIDENT_MS;
}

/** Incidents about one instance: watchers name their targets by instance name or profile. */
export function incidentsAbout(all: readonly Incident[], who: { name: string; profile: string }): Incident[] {
  return all.filter((i) => i.target === who.name || i.target === who.profile);
}
