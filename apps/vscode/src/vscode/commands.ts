import * as vscode from 'vscode';
import type { InstanceSnapshot } from '../model/snapshot.js';
import type { TreeNode } from '../model/tree-node.js';
import type { Controller } from './controller.js';
import { startInstance, stopInstance, type LifecycleContext } from './lifecycle.js';
import { fail, type Outcome } from './notify.js';
import { cliLocation, repoRootOf, startMode } from './settings.js';
import { resolveTargets, type TargetArg } from './targets.js';
import { openLogs } from './open-commands.js';

type Action = 'start' | 'stop' | 'restart' | 'kill';

const TITLES: Record<Action, string> = { start: 'Starting', stop: 'Stopping', restart: 'Restarting', kill: 'Killing' };

/** Start, stop, restart, kill, up, down: one code path, each in withProgress, refresh right after. */
export function lifecycleCommands(c: Controller, extensionPath: string) {
  const ctx = (): LifecycleContext => ({
    cli: cliLocation(extensionPath),
    cwd: repoRootOf(extensionPath),
    mode: startMode(),
    log: (l) => c.output.appendLine(l),
  });

  async function runOne(action: Action, s: InstanceSnapshot): Promise<void> {
    const lc = ctx();
    if (action === 'stop' || action === 'restart') await stopInstance(s, lc);
    if (action === 'kill') await stopInstance(s, lc, 'SIGKILL');
    if (action === 'start' || action === 'restart') await startInstance(s, lc);
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
    return fail(c.output, `${action} ${failures.map((f) => f.s.name).join(', ')} failed`, first.e, [
      { title: 'Open Logs', run: () => openLogs(c, first.s) },
      { title: 'Open Config', run: () => vscode.window.showTextDocument(vscode.Uri.file(first.s.configPath)) },
    ]);
  }

  const stopped = (s: InstanceSnapshot) => !s.running;
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
