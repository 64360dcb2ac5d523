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
    // A bounce on purpose: recorded first, so a watcher opens no incident while the old gateway stops
    // and the new one starts; ended once the new gateway answers or failed to (it clears it itself when ready).
    const { clearStopIntent, recordStopIntent } = await import('@clawport/core/node');
    await recordStopIntent(service.spec.stateDir, 'clawport gateway restart');
    let health: Awaited<ReturnType<typeof waitHealthy>>;
    try {
      await restartProfileService(service);
      health = await waitHealthy(service.spec);
    } finally {
      await clearStopIntent(service.spec.stateDir);
    }
    const state = await profileServiceState(service, { backend, reason: 'installed', forced: false });
    if (!health.ok) {
      throw new GatewayError(`the gateway of ${ctx.instance.name} does not answer on 127.0.0.1:${service.spec.port} after the restart`, `see: ${cliFor(ctx.instance)} gateway logs`);
    }
    this.log(`restarted ${state.service} (${backend}): healthy on 127.0.0.1:${service.spec.port}${state.pid ? `, pid ${state.pid}` : ''}`);
    return { profile: ctx.instance.name, service: state.service, backend, port: service.spec.port, pid: state.pid, healthy: true };
  }
}
