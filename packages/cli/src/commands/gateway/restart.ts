import { GatewayError } from '@clawport/core';
import { BaseCommand } from '../../base-command.js';
import { cliFor, serviceContext, waitHealthy } from '../../lib/gateway/service-command.js';
import type { GatewayStartResult } from './start.js';

export default class GatewayRestart extends BaseCommand<typeof GatewayRestart> {
  static override description = 'Restart the profile\'s gateway through its service and wait until it answers /healthz again.';
  static override examples = ['<%= config.bin %> --profile main gateway restart'];
  static override enableJsonFlag = true;

  public async run(): Promise<GatewayStartResult> {
    const ctx = await this.loadInstance();
    const service = serviceContext(ctx.instance, this.config.root);
    const { restartProfileService, installedBackend, profileServiceState } = await import('@clawport/gateway');
    const backend = await installedBackend(service.spec);
    await (await import('@clawport/core/node')).clearStopIntent(service.spec.stateDir);
    await restartProfileService(service);
    const health = await waitHealthy(service.spec.port);
    const state = await profileServiceState(service, { backend, reason: 'installed', forced: false });
    if (!health.ok) {
      throw new GatewayError(`the gateway of ${ctx.instance.name} does not answer on 127.0.0.1:${service.spec.port} after the restart`, `see: ${cliFor(ctx.instance)} gateway logs`);
    }
    this.log(`restarted ${state.service} (${backend}): healthy on 127.0.0.1:${service.spec.port}${state.pid ? `, pid ${state.pid}` : ''}`);
    return { profile: ctx.instance.name, service: state.service, backend, port: service.spec.port, pid: state.pid, healthy: true };
  }
}
