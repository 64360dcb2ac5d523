import { GatewayError, ServiceError } from '@clawport/core';
import { BaseCommand } from '../../base-command.js';
import { cliFor, serviceContext, waitHealthy } from '../../lib/gateway/service-command.js';

export interface GatewayStartResult {
  profile: string;
  service: string;
  backend: string;
  port: number;
  pid?: number;
  healthy: boolean;
}

export default class GatewayStart extends BaseCommand<typeof GatewayStart> {
  static override description = 'Start the profile\'s gateway service and wait until the gateway answers /healthz.';
  static override examples = ['<%= config.bin %> --profile main gateway start'];
  static override enableJsonFlag = true;

  public async run(): Promise<GatewayStartResult> {
    const ctx = await this.loadInstance();
    const service = serviceContext(ctx.instance, this.config.root);
    const { startProfileService, profileServiceState, installedBackend } = await import('@clawport/gateway');
    const backend = await installedBackend(service.spec);
    const before = await profileServiceState(service, { backend, reason: 'installed', forced: false });
    if (ctx.runtime && !before.running) {
      // Its gateway would only find the state dir locked and crash-loop, while /healthz answered for the other one.
      throw new ServiceError(
        `a gateway of ${ctx.instance.name} already runs outside its service (pid ${ctx.runtime.pid}, port ${ctx.runtime.base})`,
        `stop it first (Ctrl-C in its terminal, or kill ${ctx.runtime.pid}), then: ${cliFor(ctx.instance)} gateway start`,
      );
    }
    // A start ends a stop on purpose, once the gateway answers (it clears it itself when ready): cleared
    // before, a watcher saw "not running" and no intent while the service was still starting, and
    // opened an incident. A failed start ends it too: the watcher may act on a target that fails.
    const { clearStopIntent } = await import('@clawport/core/node');
    let health: Awaited<ReturnType<typeof waitHealthy>>;
    try {
      await startProfileService(service);
      health = await waitHealthy(service.spec);
    } finally {
      await clearStopIntent(ctx.instance.stateDir);
    }
    const state = await profileServiceState(service, { backend, reason: 'installed', forced: false });
    if (!health.ok) {
      throw new GatewayError(
        `${state.service} started but the gateway of ${ctx.instance.name} does not answer on 127.0.0.1:${service.spec.port}`,
        `see: ${cliFor(ctx.instance)} gateway logs`,
      );
    }
    this.log(`started ${state.service} (${backend}): healthy on 127.0.0.1:${service.spec.port}${state.pid ? `, pid ${state.pid}` : ''}`);
    return { profile: ctx.instance.name, service: state.service, backend, port: service.spec.port, pid: state.pid, healthy: true };
  }
}
