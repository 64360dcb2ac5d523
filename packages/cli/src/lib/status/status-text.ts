import type { UpstreamServiceFile } from '@clawport/core';
import { degradedLine } from '../shared/gateway-health.js';
import { formatDuration, paint, range, renderTable } from '../shared/style.js';
import { holderText } from '../ports/port-state.js';
import type { InstanceStatus } from './instance-status.js';
import { pluginLine } from './plugin-status-line.js';
import { incidentsLine } from './watch-status.js';

/** `status`'s human output for one instance: the item table, then the port table. */
export function statusText(s: InstanceStatus): string {
  const rows: string[][] = [
    ['instance', `${s.name}${s.custom ? ' (custom paths)' : ''}`],
    ['config', `${s.configPath} (${s.sources.configPath})`],
    ['state dir', `${s.stateDir} (${s.sources.stateDir})`],
    ['workspace', `${s.workspace} (${s.sources.workspace})`],
    ['base port', `${s.base} (${s.sources.port})`],
    ['gateway', stateText(s)],
    ['engine', `${s.engine}${s.version && s.running ? ` ${s.version}` : ''}${s.startedBy === 'openclaw' ? ' (started outside clawport)' : ''}`],
  ];
  const cli = `clawport${s.profile === 'default' ? '' : ` --profile ${s.profile}`}`;
  rows.push([
    'service',
    s.service.installed
      ? `${s.service.name.startsWith(s.service.backend) ? s.service.name : `${s.service.backend} ${s.service.name}`} (details: ${cli} gateway status)` : `not installed (${cli} gateway install)`,
  ]);
  for (const u of s.upstreamServices ?? []) rows.push(['upstream service', upstreamServiceLine(u)]);
  if (s.running) {
    rows.push(['pid', s.enginePid && s.enginePid !== s.pid ? `${s.pid} (openclaw gateway pid ${s.enginePid})` : String(s.pid ?? '-')], ['uptime', s.uptimeMs === undefined ? '-' : formatDuration(s.uptimeMs)]);
    if (s.health?.error) rows.push(['health', s.health.error]);
  } else if (s.health?.error) rows.push(['port', s.health.error]);
  if (s.configError) rows.push(['error', s.configError]);
  if (s.incidents) rows.push(['incidents', s.incidents.open.length > 0 ? paint('red', incidentsLine(s.incidents)) : incidentsLine(s.incidents)]);
  if (s.watching) rows.push(['watching', `${s.watching.targets.join(', ')} · ${s.watching.open} open incident${s.watching.open === 1 ? '' : 's'} (clawport incidents)`]);
  for (const [id, p] of Object.entries(s.plugins ?? {})) rows.push([`plugin ${id}`, p.state === 'failed' ? paint('red', pluginLine(p)) : pluginLine(p)]);
  if (!s.configExists && !s.running) {
    rows.push(['next', `clawport${s.profile === 'default' ? '' : ` --profile ${s.profile}`} setup`]);
  }
  const tables = [renderTable([{ header: 'item' }, { header: 'value' }], rows)];
  if (s.ports.length > 0) {
    tables.push(
      '',
      renderTable(
        [{ header: 'role' }, { header: 'ports', align: 'right' }, { header: 'bind' }, { header: 'state' }],
        s.ports.map((p) => [
          p.role,
          range(p.start, p.end),
          p.bind,
          p.state === 'in use' ? paint('red', `in use by another process: ${(p.heldBy ?? []).map(holderText).join(', ') || p.busy.join(', ')}`) : p.state,
        ]),
      ),
    );
  }
  return tables.join('\n');
}

/** `status --all`'s human output: one row per instance. */
export function hostStatusText(all: readonly InstanceStatus[]): string {
  if (all.length === 0) return 'no instances on this host yet: run clawport --profile NAME setup';
  const port = (s: InstanceStatus, role: string) => {
    const p = s.ports.find((x) => x.role === role);
    return p ? range(p.start, p.end) : '-';
  };
  return renderTable(
    [
      { header: 'name' },
      { header: 'state' },
      { header: 'engine' },
      { header: 'pid', align: 'right' },
      { header: 'uptime', align: 'right' },
      { header: 'gateway', align: 'right' },
      { header: 'browser', align: 'right' },
      { header: 'canvas', align: 'right' },
      { header: 'cdp band' },
      { header: 'other claims' },
      { header: 'service' },
    ],
    all.map((s) => [
      s.name,
      stateText(s),
      s.running && s.version ? `${s.engine} ${s.version}` : s.engine,
      s.enginePid ? String(s.enginePid) : s.pid ? String(s.pid) : '-',
      s.running && s.uptimeMs !== undefined ? formatDuration(s.uptimeMs) : '-',
      String(s.base),
      port(s, 'browser control'),
      port(s, 'canvas'),
      port(s, 'CDP band'),
      otherClaims(s),
      serviceColumn(s),
    ]),
  );
}

function stateText(s: InstanceStatus): string {
  const open = s.incidents?.open.length ?? 0;
  const base = runState(s);
  return open > 0 ? `${base} ${paint('red', `· ${open} incident${open === 1 ? '' : 's'} open`)}` : base;
}

function runState(s: InstanceStatus): string {
  if (s.configError) return paint('red', 'config error');
  if (!s.running) {
    if (s.health?.engine?.state === 'port-held') return paint('red', 'stopped, port held by another process');
    return s.configExists ? 'stopped' : 'not set up';
  }
  if (s.health?.engine) return s.health.ok ? paint('green', 'running, live') : paint('yellow', `running, ${s.health.status}`);
  if (s.health?.ok && s.health.pluginsFailed) return paint('yellow', `running, degraded: ${degradedLine(s.health.pluginsFailed)}`);
  if (s.health?.ok) return paint('green', 'running, healthy');
  return paint('yellow', `running, ${s.health?.status ?? 'unknown'}`);
}

/** Upstream's own unit, as a status row: `systemd /…/openclaw-gateway-main.service (engine openclaw 2026.9.6; upstream's, Clawport leaves it alone)`. */
function upstreamServiceLine(u: UpstreamServiceFile): string {
  return `${u.backend} ${u.file} (engine openclaw${u.version ? ` ${u.version}` : ''}; upstream's, Clawport leaves it alone)`;
}

/** `status --all`'s service column: ours (backend), then upstream's own for the profile (`openclaw systemd`). */
function serviceColumn(s: InstanceStatus): string {
  const parts = [...(s.service.installed ? [s.service.backend] : []), ...(s.upstreamServices ?? []).map((u) => `openclaw ${u.backend}`)];
  return parts.length > 0 ? parts.join(', ') : '-';
}

/** Roles with a column of their own in `status --all`. */
const FIXED_ROLES = ['gateway', 'browser control', 'canvas', 'CDP band'];

/** Every other claim (plugins', and built-in ones without a column): `metrics 18794, webhook 18796`. */
function otherClaims(s: InstanceStatus): string {
  const other = s.ports.filter((p) => !FIXED_ROLES.includes(p.role));
  return other.length === 0 ? '-' : other.map((p) => `${p.role} ${range(p.start, p.end)}`).join(', ');
}
