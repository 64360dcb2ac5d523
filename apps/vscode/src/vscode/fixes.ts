import * as vscode from 'vscode';
import { listListeners } from '@clawport/core/node';
import { runPlan } from '../host/launcher.js';
import { cliPlan } from '../model/launch-plan.js';
import { suggestBase } from '../model/new-profile.js';
import type { InstanceSnapshot } from '../model/snapshot.js';
import type { TreeNode } from '../model/tree-node.js';
import { conflictFix, conflictLine } from '../model/words.js';
import type { Controller } from './controller.js';
import { fail, type Outcome } from './notify.js';
import { cliLocation, repoRootOf } from './settings.js';

export interface Action {
  title: string;
  run: () => unknown;
}

/** Opens an instance's config, at the line and column of its error when it has one. */
export async function openConfigAt(s: InstanceSnapshot): Promise<void> {
  const at = s.configError?.line ? new vscode.Position(s.configError.line - 1, Math.max(0, (s.configError.column ?? 1) - 1)) : undefined;
  await vscode.window.showTextDocument(vscode.Uri.file(s.configPath), { preview: false, selection: at ? new vscode.Range(at, at) : undefined });
}

/** The one line that says why a start will be refused, naming the culprit: undefined when nothing blocks. */
export function blockedReason(s: InstanceSnapshot): string | undefined {
  if (s.configError) return `its config has an error${s.configError.line ? ` at line ${s.configError.line}` : ''}: ${s.configError.cause}`;
  const c = s.conflicts.find((x) => x.blocksStart);
  return c && `${conflictLine(s.name, c)}; ${conflictFix(s.name, c)}`;
}

/** What a user can click about an instance's problems: move the culprit, open the config at the error, roll back. */
export function problemActions(s: InstanceSnapshot): Action[] {
  const out: Action[] = [];
  const culprits = [...new Set(s.conflicts.map((c) => c.culprit))];
  for (const name of culprits) out.push({ title: `Move ${name} to a Free Base`, run: () => vscode.commands.executeCommand('clawport.moveToFreeBase', name) });
  if (s.configError) out.push({ title: 'Open Config at Error', run: () => openConfigAt(s) });
  if (s.configError && s.canRollBack) out.push({ title: 'Roll Back Config', run: () => vscode.commands.executeCommand('clawport.rollbackConfig', s.name) });
  return out;
}

/**
 * The quick fixes behind conflict and config-error rows: Move to a Free Base (core's allocator picks the
 * lowest base whose whole footprint is free of every other instance and of live listeners; the CLI's
 * `config set gateway.port` writes it, validated, keeping the previous config for rollback), and Roll
 * Back Config (`clawport config rollback`).
 */
export function fixCommands(c: Controller, extensionPath: string) {
  const named = (arg: TreeNode | string | undefined): InstanceSnapshot | undefined => {
    const key = typeof arg === 'string' ? arg : (arg?.culprit ?? arg?.instanceKey);
    return c.snapshots().find((s) => s.name === key || s.key === key);
  };
  const cli = (s: InstanceSnapshot, sub: string[]) => runPlan(cliPlan(s, cliLocation(extensionPath), sub), repoRootOf(extensionPath));

  return {
    'clawport.moveToFreeBase': async (arg?: TreeNode | string): Promise<Outcome<{ name: string; base: number }>> => {
      await c.refresh();
      const s = named(arg) ?? (await pick(c, 'Profile to move to a free base'));
      if (!s) return { ok: false, error: 'no instance chosen' };
      try {
        const busy = ((await listListeners()) ?? []).map((l) => l.port);
        const base = suggestBase(c.snapshots().filter((x) => x.key !== s.key), busy);
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Moving ${s.name} to base port ${base}` }, () =>
          cli(s, ['config', 'set', 'gateway.port', String(base)]),
        );
        c.output.appendLine(`${s.name}: gateway.port = ${base} (was ${s.base})`);
        await c.refresh();
        const note = s.running ? ' It keeps its old ports until it restarts.' : '';
        void vscode.window.showInformationMessage(`${s.name} now uses base port ${base}.${note}`, ...(s.running ? ['Restart'] : [])).then(
          (p) => p && vscode.commands.executeCommand('clawport.restart', s.name),
        );
        return { ok: true, value: { name: s.name, base } };
      } catch (e) {
        return fail(c.output, `move ${s.name}`, e, [{ title: 'Open Config', run: () => openConfigAt(s) }]);
      }
    },
    'clawport.rollbackConfig': async (arg?: TreeNode | string): Promise<Outcome<string>> => {
      await c.refresh();
      const s = typeof arg === 'object' ? c.snapshots().find((x) => x.key === arg.instanceKey) : (named(arg) ?? (await pick(c, 'Config to roll back', (x) => !!x.canRollBack)));
      if (!s) return { ok: false, error: 'no instance chosen' };
      try {
        await cli(s, ['config', 'rollback']);
        c.output.appendLine(`${s.name}: config rolled back; the replaced file is ${s.configPath}.rolled-back`);
        await c.refresh();
        void vscode.window.showInformationMessage(`Restored the last good config of ${s.name}.`);
        return { ok: true, value: s.configPath };
      } catch (e) {
        return fail(c.output, `roll back ${s.name}`, e, [{ title: 'Open Config', run: () => openConfigAt(s) }]);
      }
    },
  };
}

async function pick(c: Controller, placeHolder: string, filter: (s: InstanceSnapshot) => boolean = () => true): Promise<InstanceSnapshot | undefined> {
  const items = c.snapshots().filter(filter).map((s) => ({ label: s.name, description: `:${s.base}`, s }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Nothing to do: ${placeHolder.toLowerCase()}`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.s;
}
