import * as vscode from 'vscode';
import type { InstanceSnapshot } from '../model/snapshot.js';
import type { TreeNode } from '../model/tree-node.js';
import type { Controller } from './controller.js';
import { startInstance, stopInstance, type LifecycleContext } from './lifecycle.js';
import { fail, type Outcome } from './notify.js';
import { cliLocation, repoRootOf, startMode } from './settings.js';
import { resolveTargets, type TargetArg } from './targets.js';
import { openLogs } from './open-commands.js';
import { blockedReason, problemActions, type Action as FixAction } from './fixes.js';
import { startBlocked } from '../model/snapshot.js';

type Action = 'start' | 'stop' | 'restart' | 'kill';

/** A start not tried because the gateway would refuse it (a known conflict or config error). */
class Blocked extends Error {}

const TITLES: Record<Action, string> = { start: 'Starting', stop: 'Stopping', restart: 'Restarting', kill: 'Killing' };

/** Start, stop, restart, kill, up, down: one code path, each in withProgress, refresh right after. */
export function lifecycleCommands(c: Controller, extensionPath: string) {
  const ctx = (): LifecycleContext => ({
    cli: cliLocation(extensionPath),
    cwd: repoRootOf(extensionPath),
    mode: startMode(),
    log: (l) => c.output.appendLine(l),
  });

  /** One instance, with the row saying starting…/stopping… meanwhile; a start the gateway would refuse is not tried. */
  async function runOne(action: Action, s: InstanceSnapshot): Promise<void> {
    const lc = ctx();
    if ((action === 'start' || action === 'restart') && startBlocked(s)) throw new Blocked(blockedReason(s) ?? 'blocked');
    try {
      if (action !== 'start') {
        c.setPending(s.key, 'stopping');
        await stopInstance(s, lc, action === 'kill' ? 'SIGKILL' : 'SIGTERM');
      }
      if (action === 'start' || action === 'restart') {
        c.setPending(s.key, 'starting');
        await startInstance(s, lc);
      }
    } finally {
      c.setPending(s.key, undefined);
    }
  }

  async function run(action: Action, targets: InstanceSnapshot[]): Promise<Outcome<string[]>> {
    if (targets.length === 0) return { ok: false, error: 'no instance chosen' };
    const names = targets.map((t) => t.name).join(', ');
    const failures: Array<{ s: InstanceSnapshot; e: unknown }> = [];
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${TITLES[action]} gateway ${names}`, cancellable: false },
      async (progress) => {
        // One after another: each start checks its whole footprint against what the previous one bound.
        for (const s of targets) {
          progress.report({ message: s.name });
          try {
            await runOne(action, s);
          } catch (e) {
            failures.push({ s, e });
          }
          c.requestRefresh();
        }
      },
    );
    await c.refresh();
    if (failures.length === 0) return { ok: true, value: targets.map((t) => t.name) };
    const first = failures[0];
    // After a failure the refreshed snapshot knows more (the process that took a port): offer its fixes.
    const now = c.snapshots().find((x) => x.key === first.s.key) ?? first.s;
    const blocked = first.e instanceof Blocked;
    const fixes: FixAction[] = problemActions(now);
    const what = `${action} ${failures.map((f) => f.s.name).join(', ')}${blocked ? ' refused' : ' failed'}`;
    return fail(c.output, what, first.e, [...fixes, ...(blocked ? [] : [{ title: 'Open Logs', run: () => openLogs(c, first.s) }])].slice(0, 3));
  }

  const stopped = (s: InstanceSnapshot) => !s.running && s.run !== 'starting';
  const running = (s: InstanceSnapshot) => s.running;
  const one =
    (action: Action, filter: (s: InstanceSnapshot) => boolean) =>
    async (arg?: TargetArg, selection?: TreeNode[]) =>
      run(action, await resolveTargets(c, arg, selection, { placeHolder: `Gateway to ${action}`, filter }));
  const many =
    (action: Action, filter: (s: InstanceSnapshot) => boolean) =>
    async (arg?: TargetArg | string[], selection?: TreeNode[]) => {
      // `up main rescue` from scripts: an array of names
      const sel = Array.isArray(arg) ? arg.map((n) => ({ instanceKey: n }) as TreeNode) : selection;
      const first = Array.isArray(arg) ? undefined : arg;
      const targets = await resolveTargets(c, first, sel, { placeHolder: `Gateways to ${action === 'start' ? 'start (up)' : 'stop (down)'}`, many: true, filter });
      return run(action, targets.filter(filter));
    };

  return {
    'clawport.start': one('start', stopped),
    'clawport.stop': one('stop', running),
    'clawport.restart': one('restart', running),
    'clawport.kill': one('kill', running),
    'clawport.up': many('start', stopped),
    'clawport.down': many('stop', running),
  };
}
