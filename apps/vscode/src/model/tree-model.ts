import { formatRange, type Finding } from '@clawport/core';
import { factsOf } from './facts.js';
import { COVERED_CHECKS, describeInstance, problemsLabel, startBlocked, type InstanceSnapshot, type PortState } from './snapshot.js';
import type { TreeNode } from './tree-node.js';
import { instanceTooltip, portUrl } from './tooltip.js';
import { configWhere, conflictFix, conflictLine, conflictTitle, processName, reach } from './words.js';

/** What the tree needs besides the snapshots: the clock (uptime) and the home to shorten paths with. */
export interface TreeContext {
  now?: number;
  /** The user's home directory: paths under it are shown as `~/…` so rows keep their distinctive end. */
  osHome?: string;
}

const ERROR = { id: 'error', color: 'list.errorForeground' };
const WARNING = { id: 'warning', color: 'list.warningForeground' };

/**
 * The row icon: shape = run state, colour = health. Unhealthy (a gateway that does not answer) and a
 * broken config are red and shaped differently from a grey stopped gateway.
 */
export function instanceIcon(s: InstanceSnapshot): TreeNode['icon'] {
  if (s.run === 'starting' || s.run === 'stopping') return { id: 'loading~spin' };
  if (s.running) {
    if (s.healthy === false) return ERROR;
    return { id: 'vm-running', color: problemsLabel(s).length ? 'list.warningForeground' : 'charts.green' };
  }
  if (s.configError) return { id: 'bracket-error', color: 'list.errorForeground' };
  if (s.conflicts.length) return WARNING;
  return { id: 'vm-outline', color: 'disabledForeground' };
}

/**
 * `instance.<starting|stopping|running|unhealthy|stopped>[.conflict][.blocked][.broken][.rollback][.service]`:
 * the first segment is what the lifecycle menus match (start on stopped unless blocked, stop on
 * running or unhealthy); flags follow in this order.
 */
export function instanceContextValue(s: InstanceSnapshot): string {
  const state = s.run === 'running' && s.healthy === false ? 'unhealthy' : s.run;
  let value = `instance.${state}`;
  if (s.conflicts.length > 0) value += '.conflict';
  if (startBlocked(s)) value += '.blocked';
  if (s.configError) value += '.broken';
  if (s.canRollBack) value += '.rollback';
  if (s.service.installed) value += '.service';
  return value;
}

/** `/home/u/.openclaw-main/openclaw.json` → `~/.openclaw-main/openclaw.json` */
export function shortPath(path: string, osHome?: string): string {
  return osHome && (path === osHome || path.startsWith(`${osHome}/`)) ? `~${path.slice(osHome.length)}` : path;
}

function portNode(s: InstanceSnapshot, p: PortState): TreeNode {
  const { claim } = p;
  const band = claim.end > claim.start;
  const on = p.listening.length > 0;
  // A stopped gateway listens on nothing: whatever listens on its ports is someone else.
  const taken = !s.running && on && !band;
  const ours = s.running && on && !band;
  const state = band ? (on ? `${p.listening.length} in use` : 'none in use') : taken ? `taken by ${processName(p.heldBy)}` : ours ? 'listening' : 'free';
  return {
    id: `${s.key}#port:${claim.id}`,
    kind: 'port',
    instanceKey: s.key,
    label: claim.role,
    description: `${formatRange(claim.start, claim.end)} · ${state}${s.portsAssumed ? ' · unverified' : ''}`,
    contextValue: ours ? 'port.listening' : taken ? 'port.taken' : 'port.free',
    icon: taken ? WARNING : { id: 'plug', color: s.running && on ? 'charts.green' : 'disabledForeground' },
    tooltip: [
      `${claim.role} ${formatRange(claim.start, claim.end)}, reachable from ${reach(claim.bind)}`,
      taken ? `Port ${claim.start} is taken by ${processName(p.heldBy)}, not by this gateway.` : '',
      s.portsAssumed ? 'The config has an error: this is the port it would use once fixed.' : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    url: ours ? portUrl(claim.start) : undefined,
  };
}

/** Doctor check ids in words (the ids stay in the Problems panel's code column). */
const CHECK_TITLES: Record<string, string> = {
  'files.permissions': 'file permissions',
  'state.staleRuntime': 'stale runtime file',
  'state.staleLock': 'stale lock file',
  'isolation.stateDir': 'shares its state dir',
  'isolation.config': 'shares its config file',
  'isolation.workspace': 'shares its workspace',
  'isolation.credentials': 'shares its credentials',
  'channels.credential.shared': 'shares a chat bot token',
  'browser.cdpUrl.shared': 'shares a browser',
  'browser.profile.cdpUrl.shared': 'shares a browser profile',
};

export function checkTitle(check: string): string {
  const plugin = /^plugin\.(.+)\.doctor$/.exec(check);
  return CHECK_TITLES[check] ?? (plugin ? `plugin ${plugin[1]}` : check.replace(/[._]/g, ' '));
}

function findingNode(s: InstanceSnapshot, f: Finding, i: number): TreeNode {
  return {
    id: `${s.key}#finding:${f.check}:${i}`,
    kind: 'problem',
    instanceKey: s.key,
    label: checkTitle(f.check),
    description: f.message,
    tooltip: f.fix ? `${f.message}\n\nFix: ${f.fix}` : f.message,
    contextValue: `problem.${f.severity}`,
    icon: f.severity === 'error' ? ERROR : f.severity === 'warning' ? WARNING : { id: 'info' },
    filePath: f.file,
  };
}

/** Problems first: one row per conflict cause (with the culprit to move), the config error, doctor findings. */
function problemNodes(s: InstanceSnapshot): TreeNode[] {
  const out: TreeNode[] = s.conflicts.map((c, i) => ({
    id: `${s.key}#conflict:${c.kind}:${c.other?.instance ?? c.port ?? i}`,
    kind: 'problem',
    instanceKey: s.key,
    label: conflictTitle(c),
    description: conflictFix(s.name, c),
    tooltip: `${conflictLine(s.name, c)}.\n\nFix: ${conflictFix(s.name, c)} (the row's action picks one with core's allocator).${c.blocksStart ? '\n\nThe gateway refuses to start until this is fixed.' : ''}`,
    contextValue: 'problem.conflict',
    icon: c.severity === 'error' ? ERROR : WARNING,
    culprit: c.culprit,
  }));
  if (s.configError) {
    const where = configWhere(s);
    out.push({
      id: `${s.key}#config-error`,
      kind: 'problem',
      instanceKey: s.key,
      label: 'config error',
      description: [where, s.configError.cause].filter(Boolean).join(' · '),
      tooltip: `${s.configError.cause}${where ? ` (${where})` : ''}\n\n${s.configPath}\n\nClick to open the config there${s.canRollBack ? ', or roll back to the last good config' : ''}.`,
      contextValue: `problem.config${s.canRollBack ? '.rollback' : ''}`,
      icon: ERROR,
      filePath: s.configPath,
      line: s.configError.line,
      column: s.configError.column,
    });
  }
  s.findings.filter((f) => !COVERED_CHECKS.has(f.check)).forEach((f, i) => out.push(findingNode(s, f, i)));
  return out;
}

/** The children of an instance: problems first, then facts (process, service, …), ports in order, paths. */
export function instanceChildren(s: InstanceSnapshot, ctx: TreeContext = {}): TreeNode[] {
  const path = (what: string, label: string, value: string, icon: string, filePath?: string): TreeNode => ({
    id: `${s.key}#${what}`,
    kind: 'path',
    instanceKey: s.key,
    label,
    description: shortPath(value, ctx.osHome),
    tooltip: value,
    contextValue: `path.${what}`,
    icon: { id: icon },
    filePath,
  });
  const nodes = problemNodes(s);
  for (const [key, f] of factsOf(s)) {
    if (!f.row) continue;
    nodes.push({
      id: `${s.key}#fact:${key}`,
      kind: 'fact',
      instanceKey: s.key,
      label: f.row.label,
      description: f.row.description,
      tooltip: f.row.tooltip,
      contextValue: `fact.${key}`,
      icon: { id: f.row.icon, ...(f.row.color ? { color: f.row.color } : {}) },
    });
  }
  for (const p of [...s.ports].sort((a, b) => a.claim.start - b.claim.start || a.claim.end - b.claim.end)) nodes.push(portNode(s, p));
  nodes.push(path('config', 'config', s.configPath, 'settings-gear', s.configPath));
  if (!s.configExists) nodes[nodes.length - 1].description += ' (missing)';
  nodes.push(path('state', 'state dir', s.stateDir, 'folder'));
  nodes.push(path('workspace', 'workspace', s.workspace, 'root-folder'));
  return nodes;
}

export function instanceNode(s: InstanceSnapshot, ctx: TreeContext = {}): TreeNode {
  const now = ctx.now ?? Date.now();
  const chips = factsOf(s).flatMap(([, f]) => (f.chip ? [f.chip] : []));
  return {
    id: s.key,
    kind: 'instance',
    instanceKey: s.key,
    label: s.name,
    description: [describeInstance(s, now), ...chips].join(' · '),
    contextValue: instanceContextValue(s),
    icon: instanceIcon(s),
    tooltip: instanceTooltip(s, now),
    children: instanceChildren(s, ctx),
  };
}

/** The whole tree: one root per instance, in discovery order (sorted by name). */
export function buildTree(snapshots: readonly InstanceSnapshot[], ctx: TreeContext = {}): TreeNode[] {
  return snapshots.map((s) => instanceNode(s, ctx));
}
