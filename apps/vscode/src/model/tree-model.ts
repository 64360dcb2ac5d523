import { formatRange } from '@clawport/core';
import { describeInstance, type InstanceSnapshot, type PortState } from './snapshot.js';
import { HEALTH_ICON, type TreeNode } from './tree-node.js';
import { instanceTooltip, portUrl } from './tooltip.js';

/**
 * `instance.<running|unhealthy|stopped>[.conflict][.broken][.service]`: the first segment is what the
 * lifecycle menus match (start on stopped, stop/restart on running or unhealthy); flags follow.
 */
export function instanceContextValue(s: InstanceSnapshot): string {
  const run = s.running ? (s.healthy === false ? 'unhealthy' : 'running') : 'stopped';
  let value = `instance.${run}`;
  if (s.conflicts.length > 0) value += '.conflict';
  if (s.configError) value += '.broken';
  if (s.service.installed) value += '.service';
  return value;
}

function portNode(s: InstanceSnapshot, p: PortState): TreeNode {
  const { claim } = p;
  const band = claim.end > claim.start;
  const on = p.listening.length > 0;
  const state = band ? (on ? `${p.listening.length} in use` : 'none in use') : on ? 'listening' : 'free';
  const foreign = !s.running && on;
  return {
    id: `${s.key}#port:${claim.id}`,
    kind: 'port',
    instanceKey: s.key,
    label: claim.role,
    description: `${formatRange(claim.start, claim.end)} · ${state}`,
    contextValue: on && !band ? 'port.listening' : 'port.free',
    icon: foreign
      ? { id: 'warning', color: 'list.warningForeground' }
      : { id: 'plug', color: on ? 'charts.green' : 'disabledForeground' },
    tooltip: `${claim.role} (${claim.owner}, ${claim.bind === 'loopback' ? 'loopback only' : 'gateway bind'}): ${formatRange(claim.start, claim.end)}`,
    url: on && !band ? portUrl(claim.start) : undefined,
  };
}

function problemNodes(s: InstanceSnapshot): TreeNode[] {
  const out: TreeNode[] = [];
  s.conflicts.forEach((c, i) =>
    out.push({
      id: `${s.key}#conflict:${i}`,
      kind: 'problem',
      instanceKey: s.key,
      label: 'conflict',
      description: c,
      tooltip: c,
      contextValue: 'problem.conflict',
      icon: { id: 'warning', color: 'list.warningForeground' },
      filePath: s.configPath,
    }),
  );
  s.findings
    .filter((f) => !s.conflicts.includes(f.message))
    .forEach((f, i) =>
      out.push({
        id: `${s.key}#finding:${f.check}:${i}`,
        kind: 'problem',
        instanceKey: s.key,
        label: f.check,
        description: f.message,
        tooltip: f.fix ? `${f.message}\n\nFix: ${f.fix}` : f.message,
        contextValue: `problem.${f.severity}`,
        icon: f.severity === 'error' ? { id: 'error', color: 'list.errorForeground' } : f.severity === 'warning' ? { id: 'warning', color: 'list.warningForeground' } : { id: 'info' },
        filePath: f.file,
      }),
    );
  return out;
}

/** The children of an instance: problems first, then process, footprint, paths and service. */
export function instanceChildren(s: InstanceSnapshot): TreeNode[] {
  const path = (what: string, label: string, value: string, icon: string, filePath?: string): TreeNode => ({
    id: `${s.key}#${what}`,
    kind: 'path',
    instanceKey: s.key,
    label,
    description: value,
    tooltip: value,
    contextValue: `path.${what}`,
    icon: { id: icon },
    filePath,
  });
  const nodes = problemNodes(s);
  if (s.configError) {
    nodes.push({ ...path('config-error', 'config error', s.configError, 'error', s.configPath), kind: 'problem', icon: { id: 'error', color: 'list.errorForeground' } });
  }
  if (s.running) {
    nodes.push({
      id: `${s.key}#process`,
      kind: 'process',
      instanceKey: s.key,
      label: 'process',
      description: `pid ${s.pid}${s.version ? ` · v${s.version}` : ''}${s.healthy === false ? ' · not answering' : ''}`,
      contextValue: 'process',
      icon: { id: 'pulse', color: s.healthy === false ? 'charts.red' : 'charts.green' },
    });
  }
  for (const p of s.ports) nodes.push(portNode(s, p));
  nodes.push(path('config', 'config', s.configPath + (s.configExists ? '' : ' (missing)'), 'settings-gear', s.configPath));
  nodes.push(path('state', 'state dir', s.stateDir, 'folder'));
  nodes.push(path('workspace', 'workspace', s.workspace, 'root-folder'));
  nodes.push({
    id: `${s.key}#service`,
    kind: 'service',
    instanceKey: s.key,
    label: 'service',
    description: `${s.service.backend} · ${s.service.state}`,
    contextValue: `service.${s.service.installed ? 'installed' : 'none'}`,
    icon: { id: 'server-process' },
  });
  return nodes;
}

export function instanceNode(s: InstanceSnapshot): TreeNode {
  return {
    id: s.key,
    kind: 'instance',
    instanceKey: s.key,
    label: s.name,
    description: describeInstance(s),
    contextValue: instanceContextValue(s),
    icon: HEALTH_ICON[s.health],
    tooltip: instanceTooltip(s),
    children: instanceChildren(s),
  };
}

/** The whole tree: one root per instance, in discovery order (sorted by name). */
export function buildTree(snapshots: readonly InstanceSnapshot[]): TreeNode[] {
  return snapshots.map(instanceNode);
}
