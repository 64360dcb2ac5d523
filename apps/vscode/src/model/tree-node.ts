/**
 * The tree as plain data. The vscode layer maps a TreeNode to a TreeItem one to one, so everything the
 * user sees (labels, descriptions, colours, context values, tooltips) is decided here and unit-tested.
 */
export interface TreeNode {
  /** Unique and stable across refreshes, so the tree keeps expansion and selection. */
  id: string;
  kind: 'instance' | 'port' | 'path' | 'service' | 'problem' | 'process' | 'fact';
  /** State dir of the instance the node belongs to. */
  instanceKey: string;
  label: string;
  description?: string;
  /** Encodes kind and state; package.json menus match it by regex (`^instance\.running`). */
  contextValue: string;
  /** A codicon id and an optional theme colour id. */
  icon: { id: string; color?: string };
  /** Markdown. */
  tooltip?: string;
  children?: TreeNode[];
  /** A file this node stands for (config, log): clicking opens it, at `line`/`column` (1-based) if set. */
  filePath?: string;
  line?: number;
  column?: number;
  /** An http URL this node stands for (one of our gateway's listening ports). */
  url?: string;
  /** A conflict row: the instance to move to a free base (the quick fix). */
  culprit?: string;
}
