import type { Finding } from '@clawport/core';
import type { InstanceSnapshot, RunState } from './snapshot.js';
import { buildTree, type TreeContext } from './tree-model.js';
import type { TreeNode } from './tree-node.js';

/**
 * The tree's state without the editor: snapshots, the nodes built from them, doctor findings, and the
 * starting…/stopping… marks of commands in flight (they win over what disk says until the command ends).
 * The vscode TreeDataProvider delegates to it.
 */
export class TreeStore {
  private base: InstanceSnapshot[] = [];
  private snapshots: InstanceSnapshot[] = [];
  private roots: TreeNode[] = [];
  private findings = new Map<string, Finding[]>();
  private pending = new Map<string, RunState>();

  constructor(private readonly ctx: () => TreeContext = () => ({})) {}

  set(snapshots: readonly InstanceSnapshot[]): void {
    this.base = [...snapshots];
    this.rebuild();
  }

  /** Replaces the doctor findings (grouped by instance name) and rebuilds the nodes. */
  setFindings(findings: readonly Finding[]): void {
    this.findings = new Map();
    for (const f of findings) {
      if (f.instance === undefined) continue;
      this.findings.set(f.instance, [...(this.findings.get(f.instance) ?? []), f]);
    }
    this.rebuild();
  }

  /** Marks an instance as starting/stopping while a command acts on it; undefined clears the mark. */
  setPending(key: string, state: 'starting' | 'stopping' | undefined): void {
    if (state) this.pending.set(key, state);
    else this.pending.delete(key);
    this.rebuild();
  }

  /** Rebuilds the nodes from the same snapshots (the clock moved: uptimes). */
  rebuild(): void {
    this.snapshots = this.base.map((s) => ({ ...s, run: this.pending.get(s.key) ?? s.run, findings: this.findings.get(s.name) ?? [] }));
    this.roots = buildTree(this.snapshots, this.ctx());
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
