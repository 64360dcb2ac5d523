import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { watchSettings, type Incident, type IncidentAction, type WatchSettings } from '@clawport/core';
import { appendIncident, readConfigFile, restoreConfigText, rollbackConfig, writeFileAtomic } from '@clawport/core/node';
import type { GatewayContext } from '../methods/context.js';
import { restoreGuard } from '../methods/config.js';
import { findTarget, type Target } from '../methods/targets.js';
import { readState } from '../supervisor/files.js';
import { configHash, lastExitWasCrash, observe, startedConfig } from './observe.js';
import { HookQueue } from './on-incident.js';

/** However a target says it is still starting, a restart is given up on after this long. */
const MAX_START_WAIT_MS = 10 * 60_000;

/** What the watcher remembers of a target between probes. */
interface TargetState {
  failures: number;
  /** The gateway last seen live: a different one later without a failure seen means it was restarted. */
  live?: { pid: number; startedAt: number; seenAt: number };
  incident?: Incident;
}

/** Waits ms, or less when signal aborts. Exported for its test. */
export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    // The listener goes with the timer: one per sleep would pile up on the watcher's long-lived signal.
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The rescue bot's watcher, run inside the watching gateway: probes each `watch.targets` instance at
 * `watch.intervalMs`; after `failureThreshold` failed probes in a row opens an incident and acts:
 * restart through the target's service (bounded, backing off), roll its config back to the one it
 * last started well with when that changed, then stop acting and keep alerting. Acts only on targets
 * the trust relation allows (findTarget, read fresh each round), only with restart and rollback.
 */
export class Watcher {
  private readonly abort = new AbortController();
  private readonly states = new Map<string, TargetState>();
  private loop?: Promise<void>;
  private readonly hooks = new HookQueue();

  constructor(private readonly ctx: GatewayContext) {}

  private get dir(): string {
    return join(this.ctx.instance.stateDir, 'watch');
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async settings(): Promise<WatchSettings> {
    const loaded = await readConfigFile(this.ctx.instance.configPath, this.ctx.schema).catch(() => undefined);
    return watchSettings(loaded?.config.watch);
  }

  private async run(): Promise<void> {
    const busy = new Map<string, Promise<void>>();
    while (!this.abort.signal.aborted) {
      const s = await this.settings();
      // One target's repair (minutes of restarts) never holds up the probes of another.
      for (const name of s.targets) {
        if (busy.has(name)) continue;
        const round = this.round(name, s)
          .catch((e: unknown) => this.ctx.log.error('watch round failed', { target: name, error: (e as Error).message }))
          .finally(() => busy.delete(name));
        busy.set(name, round);
      }
      await sleep(s.intervalMs, this.abort.signal);
    }
    await Promise.all(busy.values());
  }

  private async round(name: string, s: WatchSettings): Promise<void> {
    let target: Target;
    try {
      target = await findTarget(this.ctx, name, 'watch');
    } catch (e) {
      this.ctx.log.debug('watch target unavailable', { target: name, error: (e as Error).message });
      return;
    }
    if (target.self) return;
    const st = this.states.get(name) ?? { failures: 0 };
    this.states.set(name, st);
    const seen = await observe(target, s);
    if (seen.kind === 'live') {
      st.failures = 0;
      const previous = st.live;
      st.live = { pid: seen.pid, startedAt: seen.startedAt, seenAt: Date.now() };
      await this.rememberGoodConfig(target, seen.startedAt);
      if (st.incident) {
        await this.resolve(st, 'live again');
      } else if (previous && previous.pid !== seen.pid) {
        // Died and was brought back by its service between two probes: still worth telling.
        const crash = await lastExitWasCrash(target.stateDir, previous.seenAt);
        if (crash) {
          const incident = this.open(target, `pid ${previous.pid} died: ${crash}`);
          st.incident = incident;
          incident.actions.push({ kind: 'restarted-by-service', at: new Date().toISOString(), result: 'ok', detail: `now pid ${seen.pid}` });
          await this.resolve(st, 'restarted by its service');
        }
      }
      return;
    }
    if (seen.kind === 'starting') return;
    if (seen.kind === 'stopped-on-purpose') {
      st.failures = 0;
      if (st.incident) await this.resolve(st, `stopped on purpose (${seen.by})`);
      return;
    }
    st.failures++;
    if (st.incident) {
      // Gave up: keep alerting, without the hook, now and then.
      if (st.failures % 10 === 0) this.ctx.log.error('incident still open', { incident: st.incident.id, target: name, cause: seen.cause, event: 'incident' });
      return;
    }
    if (st.failures < s.failureThreshold) return;
    st.incident = this.open(target, seen.cause);
    await this.record(st.incident, 'incident opened');
    await this.repair(target, st, s);
  }

  private open(target: Target, cause: string): Incident {
    return {
      id: `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`,
      target: target.name,
      watcher: this.ctx.instance.name,
      detectedAt: new Date().toISOString(),
      cause,
      state: 'open',
      actions: [],
    };
  }

  /** Appends, logs with fields that make it stand out (event: incident), tells WS clients and the hook. */
  private async record(incident: Incident, message: string): Promise<void> {
    await appendIncident(this.ctx.instance.stateDir, incident);
    const last = incident.actions.at(-1);
    const fields = { event: 'incident', incident: incident.id, target: incident.target, state: incident.state, cause: incident.cause, ...(last ? { action: last.kind, result: last.result, ...(last.detail ? { detail: last.detail } : {}) } : {}) };
    if (incident.state === 'resolved') this.ctx.log.warn(message, { ...fields, resolution: incident.resolution });
    else this.ctx.log.error(message, fields);
    this.ctx.emit('watch.incident', incident);
    void this.hooks.push((await this.settings()).onIncident, incident, this.ctx.log);
  }

  private async resolve(st: TargetState, resolution: string): Promise<void> {
    const incident = st.incident!;
    st.incident = undefined;
    incident.state = 'resolved';
    incident.resolvedAt = new Date().toISOString();
    incident.resolution = resolution;
    await this.record(incident, 'incident resolved');
  }

  private async act(incident: Incident, action: Omit<IncidentAction, 'at'>): Promise<void> {
    incident.actions.push({ ...action, at: new Date().toISOString() });
    await this.record(incident, `incident ${action.kind} ${action.result}`);
  }

  /** Restart (bounded, backing off), then roll back a changed config, then give up and keep alerting. */
  private async repair(target: Target, st: TargetState, s: WatchSettings): Promise<void> {
    const incident = st.incident!;
    incident.state = 'acting';
    for (let attempt = 1; attempt <= s.restart.attempts && !this.abort.signal.aborted; attempt++) {
      if (attempt > 1) await sleep(s.restart.backoffMs * 2 ** (attempt - 2), this.abort.signal);
      if (await this.restartAndWait(target, st, s, `restart ${attempt}/${s.restart.attempts}`)) return this.resolve(st, `live again after restart ${attempt}`);
    }
    if (this.abort.signal.aborted) return;
    const rollback = await this.rollback(target, incident);
    if (rollback.done && (await this.restartAndWait(target, st, s, 'restart after rollback'))) return this.resolve(st, 'live again after rolling the config back');
    incident.state = 'gave-up';
    const why = rollback.skipped ? ` (no rollback: ${rollback.skipped})` : '';
    await this.act(incident, { kind: 'give-up', result: 'failed', detail: `still failing${why}; restart it by hand (clawport --profile ${target.profile} gateway start) or fix its config` });
  }

  private async restartAndWait(target: Target, st: TargetState, s: WatchSettings, what: string): Promise<boolean> {
    const incident = st.incident!;
    const hooks = this.ctx.hooks;
    if (!hooks.restartInstance) {
      await this.act(incident, { kind: 'restart', result: 'failed', detail: 'this gateway runs without a service layer' });
      return false;
    }
    const began = Date.now();
    try {
      await hooks.restartInstance(target.name);
    } catch (e) {
      await this.act(incident, { kind: 'restart', result: 'failed', detail: `${what}: ${(e as Error & { toLine?: () => string }).toLine?.() ?? (e as Error).message}` });
      return false;
    }
    // waitMs to become live; longer only while the target says it is still starting within its own
    // limit (upstream's engine: minutes under load), so a slow start is never cut short by a restart.
    while (!this.abort.signal.aborted) {
      const fresh = await findTarget(this.ctx, target.name, 'watch').catch(() => target);
      const seen = await observe(fresh, { ...s, startGraceMs: s.restart.waitMs });
      if (seen.kind === 'live') {
        // The gateway it brought back is the one seen live now: the next round must not take the change
        // of pid for another death its service repaired (a second incident for one kill).
        st.live = { pid: seen.pid, startedAt: seen.startedAt, seenAt: Date.now() };
        await this.act(incident, { kind: 'restart', result: 'ok', detail: `${what}: live as pid ${seen.pid}` });
        return true;
      }
      const waited = Date.now() - began;
      if (waited >= s.restart.waitMs && (seen.kind !== 'starting' || waited >= MAX_START_WAIT_MS)) break;
      // A supervisor that gave up (exit 78 in a row) will not bring it back by waiting longer.
      // (Its state file is only trusted once it reports an exit after this restart began.)
      const sup = await readState(target.stateDir).catch(() => undefined);
      if (sup?.phase === 'gave-up' && Date.parse(sup.lastExit?.at ?? '') >= began) break;
      await sleep(Math.min(250, s.intervalMs), this.abort.signal);
    }
    const final = await observe(await findTarget(this.ctx, target.name, 'watch').catch(() => target), { ...s, startGraceMs: 0 });
    await this.act(incident, { kind: 'restart', result: 'failed', detail: `${what}: ${final.kind === 'failed' ? final.cause : final.kind}` });
    return false;
  }

  private goodConfigFile(target: Target): string {
    return join(this.dir, `${target.profile}.last-good-start.json`);
  }

  /** Keeps the config text a target was last seen live with, when that is surely the one it started with. */
  private async rememberGoodConfig(target: Target, startedAt: number): Promise<void> {
    const good = await startedConfig(target.configPath, startedAt, this.ctx.schema);
    if (!good) return;
    const file = this.goodConfigFile(target);
    const kept = await readFile(file, 'utf8').then((t) => JSON.parse(t) as { hash: string }, () => undefined);
    if (kept?.hash === good.hash) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, JSON.stringify({ hash: good.hash, startedAt, text: good.text }), 0o600);
  }

  /**
   * Rolls back only when the config changed since the last good start. A rollback that fails is an
   * action with its reason; one not tried says why (`skipped`), for the give-up's detail.
   */
  private async rollback(target: Target, incident: Incident): Promise<{ done: boolean; skipped?: string }> {
    const kept = await readFile(this.goodConfigFile(target), 'utf8').then((t) => JSON.parse(t) as { hash: string; text: string }, () => undefined);
    const current = await readFile(target.configPath, 'utf8').catch(() => undefined);
    const guard = restoreGuard(this.ctx, target, 'watch rollback');
    try {
      if (kept) {
        if (current !== undefined && configHash(current) === kept.hash) return { done: false, skipped: `its config is the one it last started well with` };
        await restoreConfigText(target.configPath, kept.text, this.ctx.schema, guard);
        await this.act(incident, { kind: 'rollback', result: 'ok', detail: `restored the config ${target.name} last started well with (the replaced one is ${target.configPath}.rolled-back)` });
        return { done: true };
      }
      if (!target.discovered?.configError) return { done: false, skipped: 'no config of a good start is kept and its config is valid' };
      await rollbackConfig(target.configPath, this.ctx.schema, guard);
      await this.act(incident, { kind: 'rollback', result: 'ok', detail: `restored ${target.configPath}.last-good (the replaced one is ${target.configPath}.rolled-back)` });
      return { done: true };
    } catch (e) {
      await this.act(incident, { kind: 'rollback', result: 'failed', detail: (e as Error & { toLine?: () => string }).toLine?.() ?? (e as Error).message });
      return { done: false };
    }
  }
}
