import { BaseCommand } from '../../base-command.js';
import { instanceDespiteConfig, serviceContext } from '../../lib/gateway/service-command.js';

export default class GatewayStop extends BaseCommand<typeof GatewayStop> {
  static override description = 'Stop the profile\'s gateway service (and the built-in supervisor with it); returns once no process is left.';
  static override examples = ['<%= config.bin %> --profile main gateway stop'];
  static override enableJsonFlag = true;

  public async run(): Promise<{ profile: string; service: string; backend: string; stopped: true }> {
    const { instance } = await instanceDespiteConfig(this.resolvePaths());
    const service = serviceContext(instance, this.config.root);
    const { stopProfileService, installedBackend, profileServiceState } = await import('@clawport/gateway');
    const backend = await installedBackend(service.spec);
    // Recorded first, so a watcher sees a stop on purpose, not an incident.
    await (await import('@clawport/core/node')).recordStopIntent(instance.stateDir, 'clawport gateway stop');
    await stopProfileService(service);
    const state = await profileServiceState(service, { backend, reason: 'installed', forced: false });
    this.log(`stopped ${state.service} (${backend})`);
    return { profile: instance.name, service: state.service, backend, stopped: true };
  }
}
