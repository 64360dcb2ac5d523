import { Flags } from '@oclif/core';
import { ClawportError, type UpstreamServiceFile } from '@clawport/core';
import { clientToken, findUpstreamServices, listListeners, readEngineSettings, readServiceManifest } from '@clawport/core/node';
import { BaseCommand } from '../base-command.js';
import { footprintAt } from '../lib/shared/footprints.js';
import { instanceStatus, statusInputOf, type InstanceStatus, type StatusInput } from '../lib/status/instance-status.js';
import { degradedLine, probeGatewayHealth } from '../lib/shared/gateway-health.js';
import { formatDuration, range } from '../lib/shared/style.js';
import { holderText } from '../lib/ports/port-state.js';
import { pluginLine } from '../lib/status/plugin-status-line.js';
import { incidentsLine, watchStatus } from '../lib/status/watch-status.js';

export default class Status extends BaseCommand<typeof Status> {
  static override description =
    'Show a profile: config path, state dir, workspace, every port with its state, gateway health (WebSocket probe), pid and uptime. --all: every instance on this host.';
  static override examples = [
    '<%= config.bin %> --profile main status',
    '<%= config.bin %> --profile rescue status --json',
    '<%= config.bin %> status --all',
  ];
  static override flags = {
    all: Flags.boolean({ description: 'Every instance on this host, in one table' }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<InstanceStatus | InstanceStatus[]> {
    if (this.flags.all) {
      const host = await this.readHost({ facets: ['service', 'incidents'], listeners: true });
      const incidents = host.instances.flatMap((i) => i.incidents ?? []);
      const all = await Promise.all(
        host.instances.map(async (i) => {
          const d = i.discovered;
          const token = await clientToken(d.instance.stateDir, d.config);
          const s = await instanceStatus(statusInputOf(i), host.listeners ?? [], probeGatewayHealth, token);
          return { ...s, ...watchStatus(d.instance, d.config, incidents, Date.now()) };
        }),
      );
      for (const s of all) for (const w of s.pluginProblems ?? []) this.warning(`${s.name}: ${w}`);
      this.printAll(all);
      return all;
    }
    const ctx = await this.loadInstance();
    const [endpoint, listeners, service, upstreamServices] = await Promise.all([
      this.gatewayEndpoint(ctx),
      listListeners(),
      readServiceManifest(ctx.paths).catch(() => undefined),
      findUpstreamServices(ctx.instance).catch(() => []),
    ]);
    // The targeted instance: its own plugins were loaded (loadInstance), as `gateway start` would.
    const input: StatusInput = { instance: ctx.instance, configExists: ctx.loaded.exists, runtime: ctx.runtime, pluginProblems: [], service: service ?? null, upstreamServices, config: ctx.config, engine: (await readEngineSettings(ctx.paths.stateDir)).engine };
    try {
      input.claims = footprintAt(ctx.instance.name, ctx.instance.port, ctx.config, ctx.plugins, 'gateway.port', (w) => input.pluginProblems.push(w)).claims;
    } catch (e) {
      if (!(e instanceof ClawportError)) throw e;
      input.configError = e.toLine();
    }
    // Incidents are written by whichever instance watches this one: read them host-wide (files only).
    const host = await this.readHost({ facets: ['incidents'] });
    const incidents = host.instances.flatMap((i) => i.incidents ?? []);
    const status = { ...(await instanceStatus(input, listeners ?? [], probeGatewayHealth, endpoint.token)), ...watchStatus(ctx.instance, ctx.config, incidents, Date.now()) };
    for (const w of status.pluginProblems ?? []) this.warning(w);
    this.printOne(status);
    return status;
  }

  private stateText(s: InstanceStatus): string {
    const open = s.incidents?.open.length ?? 0;
    const base = this.runState(s);
    return open > 0 ? `${base} ${this.paint('red', `· ${open} incident${open === 1 ? '' : 's'} open`)}` : base;
  }

  private runState(s: InstanceStatus): string {
    if (s.configError) return this.paint('red', 'config error');
    if (!s.running) {
      if (s.health?.engine?.state === 'port-held') return this.paint('red', 'stopped, port held by another process');
      return s.configExists ? 'stopped' : 'not set up';
    }
    if (s.health?.engine) return s.health.ok ? this.paint('green', 'running, live') : this.paint('yellow', `running, ${s.health.status}`);
    if (s.health?.ok && s.health.pluginsFailed) return this.paint('yellow', `running, degraded: ${degradedLine(s.health.pluginsFailed)}`);
    if (s.health?.ok) return this.paint('green', 'running, healthy');
    return this.paint('yellow', `running, ${s.health?.status ?? 'unknown'}`);
  }

  private printOne(s: InstanceStatus): void {
    const rows: string[][] = [
      ['instance', `${s.name}${s.custom ? ' (custom paths)' : ''}`],
      ['config', `${s.configPath} (${s.sources.configPath})`],
      ['state dir', `${s.stateDir} (${s.sources.stateDir})`],
      ['workspace', `${s.workspace} (${s.sources.workspace})`],
      ['base port', `${s.base} (${s.sources.port})`],
      ['gateway', this.stateText(s)],
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
      rows.push(['pid', s.enginePid && s.enginePid !== s.pid ? `${s.pid} (openclaw gateway pid ${s.enginePid})` : String(s.pid ?? '-')], ['uptime', formatDuration(s.uptimeMs ?? 0)]);
      if (s.health?.error) rows.push(['health', s.health.error]);
    } else if (s.health?.error) rows.push(['port', s.health.error]);
    if (s.configError) rows.push(['error', s.configError]);
    if (s.incidents) rows.push(['incidents', s.incidents.open.length > 0 ? this.paint('red', incidentsLine(s.incidents)) : incidentsLine(s.incidents)]);
    if (s.watching) rows.push(['watching', `${s.watching.targets.join(', ')} · ${s.watching.open} open incident${s.watching.open === 1 ? '' : 's'} (clawport incidents)`]);
    for (const [id, p] of Object.entries(s.plugins ?? {})) rows.push([`plugin ${id}`, p.state === 'failed' ? this.paint('red', pluginLine(p)) : pluginLine(p)]);
    if (!s.configExists && !s.running) {
      rows.push(['next', `clawport${s.profile === 'default' ? '' : ` --profile ${s.profile}`} setup`]);
    }
    this.table([{ header: 'item' }, { header: 'value' }], rows);
    if (s.ports.length > 0) {
      this.log('');
      this.table(
        [{ header: 'role' }, { header: 'ports', align: 'right' }, { header: 'bind' }, { header: 'state' }],
        s.ports.map((p) => [
          p.role,
          range(p.start, p.end),
          p.bind,
          p.state === 'in use' ? this.paint('red', `in use by another process: ${(p.heldBy ?? []).map(holderText).join(', ') || p.busy.join(', ')}`) : p.state,
        ]),
      );
    }
  }

  private printAll(all: InstanceStatus[]): void {
    if (all.length === 0) {
      this.log('no instances on this host yet: run clawport --profile NAME setup');
      return;
    }
    const port = (s: InstanceStatus, role: string) => {
      const p = s.ports.find((x) => x.role === role);
      return p ? range(p.start, p.end) : '-';
    };
    this.table(
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
        this.stateText(s),
        s.running && s.version ? `${s.engine} ${s.version}` : s.engine,
        s.enginePid ? String(s.enginePid) : s.pid ? String(s.pid) : '-',
        s.running ? formatDuration(s.uptimeMs ?? 0) : '-',
        String(s.base),
        port(s, 'browser control'),
        port(s, 'canvas'),
        port(s, 'CDP band'),
        otherClaims(s),
        serviceColumn(s),
      ]),
    );
  }
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
