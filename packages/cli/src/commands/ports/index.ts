import { listListeners } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { footprintAt } from '../../lib/shared/footprints.js';
import { holderText, portReports, withHolders, type PortReport } from '../../lib/ports/port-state.js';
import { range } from '../../lib/shared/style.js';

export interface PortsResult {
  name: string;
  base: number;
  /** Where the base came from: flag, env, config, default, or runtime (the gateway runs there). */
  baseSource: string;
  running: boolean;
  ports: PortReport[];
}

export default class Ports extends BaseCommand<typeof Ports> {
  static override description = "Show a profile's port footprint: every port it may bind, by role and owner, with what is on it now";
  static override examples = ['<%= config.bin %> --profile rescue ports', '<%= config.bin %> ports --json'];
  static override enableJsonFlag = true;

  public async run(): Promise<PortsResult> {
    const ctx = await this.loadInstance();
    const { instance } = ctx;
    const where = instance.sources.port === 'env' ? 'OPENCLAW_GATEWAY_PORT' : 'gateway.port';
    const fp = footprintAt(instance.name, instance.port, ctx.config, ctx.plugins, where, (w) => this.warning(w));
    const listeners = (await listListeners()) ?? [];
    const ports = await withHolders(portReports(fp.claims, ctx.runtime, listeners), listeners, ctx.runtime);
    this.log(`${instance.name}: base ${instance.port} (${instance.sources.port}), ${ctx.runtime ? 'running' : 'not running'}`);
    this.table(
      [{ header: 'role' }, { header: 'ports', align: 'right' }, { header: 'bind' }, { header: 'owner' }, { header: 'state' }],
      ports.map((p) => [p.role, range(p.start, p.end), p.bind, p.owner, this.stateText(p)]),
    );
    return { name: instance.name, base: instance.port, baseSource: instance.sources.port, running: !!ctx.runtime, ports };
  }

  private stateText(p: PortReport): string {
    const detail = p.end > p.start && p.busy.length > 0 ? ` (${p.busy.length} bound)` : '';
    if (p.state === 'in use') return this.paint('red', `in use by another process: ${(p.heldBy ?? []).map(holderText).join(', ') || p.busy.join(', ')}`);
    return p.state === 'listening' ? this.paint('green', `listening${detail}`) : 'free';
  }
}
