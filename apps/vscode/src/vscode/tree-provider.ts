import * as vscode from 'vscode';
import type { TreeNode } from '../model/tree-node.js';
import type { TreeStore } from '../model/tree-store.js';

/** TreeNode → TreeItem, one to one: every decision was made in the pure model. */
export function toTreeItem(node: TreeNode): vscode.TreeItem {
  const collapsible = node.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(node.label, collapsible);
  item.id = node.id;
  item.description = node.description;
  item.contextValue = node.contextValue;
  item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
  if (node.tooltip) {
    const md = new vscode.MarkdownString(node.tooltip, true);
    md.isTrusted = false; // links are plain http://127.0.0.1 URLs; no command links needed
    item.tooltip = md;
  }
  if (node.filePath && node.kind !== 'instance') {
    item.resourceUri = undefined;
    // open at the line (and column) the node is about: a config error lands where the parser stopped
    const at = node.line ? new vscode.Position(node.line - 1, Math.max(0, (node.column ?? 1) - 1)) : undefined;
    const options: vscode.TextDocumentShowOptions | undefined = at ? { selection: new vscode.Range(at, at) } : undefined;
    item.command = { command: 'vscode.open', title: 'Open', arguments: options ? [vscode.Uri.file(node.filePath), options] : [vscode.Uri.file(node.filePath)] };
  }
  return item;
}

export class GatewaysTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(readonly store: TreeStore) {}

  /** Called after the store changed. */
  fire(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return this.store.getChildren(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.store.getParent(node);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
