import type { DoctorInstance } from '../plugins/contract.js';
import { resolvedRecently, type Incident } from '../watch/incident.js';
import type { DoctorFinding } from './facts.js';


/** What doctor knows of one instance for the watch checks: running or not (a runtime file of a live gateway). */
export interface WatchCheckInput {
  instances: readonly DoctorInstance[];
  /** Every incident every watcher on the host recorded. */
  incidents: readonly Incident[];
  /** Names of the instances whose gateway runs now. */
  running: ReadonlySet<string>;
  now: number;
}

const cli = (i: DoctorInstance) => `clawport${i.profile === 'default' ? '' : ` --profile ${i.profile}`}`;

/**
 * The rescue watch seen by doctor:
 * - an incident not resolved is an error on its target (a warning once the target runs again but the
 *   watcher has not closed it, e.g. because the watcher itself is down);
 * - incidents resolved in the last 24 hours are an info on their target (main died and came back);
 * - a `watch.targets` entry naming no instance on this host is a warning on the watcher.
 */
export function watchFindings(o: WatchCheckInput): DoctorFinding[] {
  const byName = new Map(o.instances.flatMap((i) => [[i.name, i] as const, [i.profile, i] as const]));
  const out: DoctorFinding[] = [];
  for (const inc of o.incidents) {
    if (inc.state === 'resolved') continue;
    const target = byName.get(inc.target);
    const watcher = byName.get(inc.watcher);
    const runsAgain = o.running.has(inc.target);
    const last = inc.actions.at(-1);
    const did = last ? `; last action: ${last.kind} ${last.result}${last.detail ? ` (${last.detail})` : ''}` : '';
    out.push({
      severity: runsAgain ? 'warning' : 'error',
      check: 'watch.incident',
      instance: inc.target,
      ...(target ? { file: target.configPath } : {}),
      message: runsAgain
        ? `${inc.target}: incident ${inc.id} (${inc.cause}) is still open although ${inc.target} runs again: its watcher ${inc.watcher} has not seen it live${watcher && !o.running.has(watcher.name) ? ` (${inc.watcher} is not running)` : ''}`
        : `${inc.target}: incident open since ${inc.detectedAt}, watched by ${inc.watcher}: ${inc.cause}${inc.state === 'gave-up' ? '; the watcher gave up' : ''}${did}`,
      fix: runsAgain
        ? watcher && !o.running.has(watcher.name)
          ? `start ${inc.watcher}'s gateway (${cli(watcher)} gateway start): its watcher closes the incident on its next probe`
          : `${inc.watcher}'s watcher closes it once its probe of ${inc.target} succeeds; if it stays open, see clawport incidents --target ${inc.target} and ${inc.watcher}'s log`
        : `see ${target ? cli(target) : 'clawport'} logs and clawport incidents --target ${inc.target}; fix it and start it (${target ? cli(target) : 'clawport'} gateway start)`,
    });
  }
  const recent = new Map<string, Incident[]>();
  for (const inc of o.incidents) {
    if (!resolvedRecently(inc, o.now)) continue;
    recent.set(inc.target, [...(recent.get(inc.target) ?? []), inc]);
  }
  for (const [name, list] of recent) {
    const last = list.at(-1)!;
    out.push({
      severity: 'info',
      check: 'watch.incident.recent',
      instance: name,
      ...(byName.get(name) ? { file: byName.get(name)!.configPath } : {}),
      message: `${name}: ${list.length} incident${list.length === 1 ? '' : 's'} in the last 24 h, all resolved (last: ${last.cause}; ${last.resolution ?? 'resolved'})`,
      fix: `details: clawport incidents --target ${name}`,
    });
  }
  for (const w of o.instances) {
    const targets = (w.config as { watch?: { targets?: unknown } }).watch?.targets;
    if (!Array.isArray(targets)) continue;
    for (const t of targets) {
      if (typeof t !== 'string' || byName.has(t)) continue;
      out.push({
        severity: 'warning',
        check: 'watch.target',
        instance: w.name,
        file: w.configPath,
        keyPath: 'watch.targets',
        message: `${w.name}: watch.targets names ${t}, which is no instance on this host: nothing watches it`,
        fix: `fix the name (${cli(w)} config set watch.targets '[...]'), or set ${t} up`,
      });
    }
  }
  return out;
}
