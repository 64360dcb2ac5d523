import { TreeStore } from '../model/tree-store.js';
import type { TreeNode } from '../model/tree-node.js';
import { loadSnapshots, type SnapshotOptions } from './snapshot.js';

/**
 * Benchmark hook (tools/bench): the whole path the sidebar takes on a refresh, from disk (discovery,
 * configs, runtime files, socket table, service files) to what getChildren returns for the roots and
 * for every instance. No editor involved; the vscode provider delegates to the same TreeStore.
 */
export async function buildTreeFromDisk(options: SnapshotOptions): Promise<{ roots: TreeNode[]; children: TreeNode[][] }> {
  const store = new TreeStore();
  store.set(await loadSnapshots(options));
  const roots = store.getChildren();
  return { roots, children: roots.map((r) => store.getChildren(r)) };
}

export type { SnapshotOptions } from './snapshot.js';
export type { TreeNode } from '../model/tree-node.js';
