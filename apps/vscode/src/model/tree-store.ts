import type { Finding } from '@clawport/core';
import type { InstanceSnapshot } from './snapshot.js';
import { buildTree } from './tree-model.js';
import type { TreeNode } from './tree-node.js';

/**
 * The tree's state without the editor: snapshots, the nodes built from them, and doctor findings kept
 * across refreshes until the next doctor run. The vscode TreeDataProvider delegates to it.
 */
export class TreeStore {
  private snapshots: InstanceSnapshot[] = [];
  private roots: TreeNode[] = [];
  private findings = new Map<string, Finding[]>();

  set(snapshots: readonly InstanceSnapshot[]): void {
    this.snapshots = snapshots.map((s) => ({ ...s, findings: this.findings.get(s.name) ?? [] }));
    this.roots = buildTree(this.snapshots);
  }

  /** Replaces the doctor findings (grouped by instance name) and rebuilds the nodes. */
  setFindings(findings: readonly Finding[]): void {
    this.findings = new Map();
    for (const f of findings) {
      if (f.instance === undefined) continue;
      this.findings.set(f.instance, [...(this.findings.get(f.instance) ?? []), f]);
    }
    this.set(this.snapshots);
  }

  all(): readonly InstanceSnapshot[] {
    return this.snapshots;
  }

  byKey(key: string): InstanceSnapshot | undefined {
    return this.snapshots.find((s) => s.key === key);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? (node.children ?? []) : this.roots;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'instance' ? undefined : this.roots.find((r) => r.id === node.instanceKey);
  }
}
