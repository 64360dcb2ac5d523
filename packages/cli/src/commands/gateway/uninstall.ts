import { Flags } from '@oclif/core';
import type { UninstallReport } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { instanceDespiteConfig, serviceContext } from '../../lib/gateway/service-command.js';

export default class GatewayUninstall extends BaseCommand<typeof GatewayUninstall> {
  static override description =
    'Stop and remove the per-profile gateway service: exactly the files its install wrote (an env file that held your secrets before stays).';
  static override examples = ['<%= config.bin %> --profile main gateway uninstall', '<%= config.bin %> --profile rescue gateway uninstall --dry-run'];
  static override flags = {
    'dry-run': Flags.boolean({ description: 'Print what would be removed and run, change nothing' }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<UninstallReport> {
    const { instance } = await instanceDespiteConfig(this.resolvePaths());
    const { uninstallProfileService } = await import('@clawport/gateway');
    const report = await uninstallProfileService(serviceContext(instance, this.config.root), { dryRun: this.flags['dry-run'] });
    const verb = this.flags['dry-run'] ? 'would remove' : 'removed';
    for (const f of report.removed) this.log(`${verb}  ${f}`);
    for (const f of report.kept) this.log(`kept     ${f} (it existed before the install)`);
    this.log(`${this.flags['dry-run'] ? 'would uninstall' : 'uninstalled'} ${report.service} (${report.backend}) of ${instance.name}`);
    return report;
  }
}
