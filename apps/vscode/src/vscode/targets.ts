import * as vscode from 'vscode';
import { describeInstance, type InstanceSnapshot } from '../model/snapshot.js';
import type { TreeNode } from '../model/tree-node.js';
import type { Controller } from './controller.js';

/** What a command may be invoked with: a tree node (menus), a name or state dir (scripts, tests), nothing (palette). */
export type TargetArg = TreeNode | string | undefined;

function lookup(c: Controller, arg: TreeNode | string): InstanceSnapshot | undefined {
  const key = typeof arg === 'string' ? arg : arg.instanceKey;
  return c.snapshots().find((s) => s.key === key || s.name === key);
}

/** Instances named by the arguments (a multi-selection wins over the clicked node), or undefined. */
export function fromArgs(c: Controller, arg: TargetArg, selection?: readonly TreeNode[]): InstanceSnapshot[] | undefined {
  const picked = selection && selection.length > 0 ? selection : arg !== undefined ? [arg] : [];
  if (picked.length === 0) return undefined;
  const found = new Map<string, InstanceSnapshot>();
  for (const p of picked) {
    const s = lookup(c, p);
    if (s) found.set(s.key, s);
  }
  return [...found.values()];
}

/** Quick pick of instances for palette use; `filter` narrows to those the command applies to. */
export async function pickInstances(
  c: Controller,
  opts: { placeHolder: string; many?: boolean; filter?: (s: InstanceSnapshot) => boolean },
): Promise<InstanceSnapshot[]> {
  await c.refresh();
  const candidates = c.snapshots().filter(opts.filter ?? (() => true));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No instance fits: ${opts.placeHolder.toLowerCase()}`);
    return [];
  }
  // every candidate is pre-checked for a many-pick: Enter acts on all that apply, unchecking narrows
  const items = candidates.map((s) => ({ label: s.name, description: describeInstance(s), detail: s.configPath, picked: opts.many === true, s }));
  if (opts.many) {
    const chosen = await vscode.window.showQuickPick(items, { placeHolder: `${opts.placeHolder} (all checked: Enter acts on every one)`, canPickMany: true });
    if (chosen && chosen.length === 0) void vscode.window.showInformationMessage('No gateway was checked: nothing done.');
    return (chosen ?? []).map((i) => i.s);
  }
  const chosen = await vscode.window.showQuickPick(items, { placeHolder: opts.placeHolder });
  return chosen ? [chosen.s] : [];
}

/** Arguments first, else a quick pick. */
export async function resolveTargets(
  c: Controller,
  arg: TargetArg,
  selection: readonly TreeNode[] | undefined,
  opts: { placeHolder: string; many?: boolean; filter?: (s: InstanceSnapshot) => boolean },
): Promise<InstanceSnapshot[]> {
  if (fromArgs(c, arg, selection) !== undefined) {
    await c.refresh(); // act on the current state, not the last render
    return fromArgs(c, arg, selection)!;
  }
  return pickInstances(c, opts);
}
