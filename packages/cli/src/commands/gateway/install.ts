import { Flags } from '@oclif/core';
import { UsageError, formatCommand } from '@clawport/core';
import { updateConfig } from '@clawport/core/node';
import type { InstallReport } from '@clawport/core/node';
import { baseProblem, portPlan } from '../../lib/onboard/answers.js';
import { BaseCommand } from '../../base-command.js';
import { backend, basePort } from '../../flags.js';
import { backendChoice, cliFor, configuredInstance, dryRunText, installServiceContext } from '../../lib/gateway/service-command.js';

export interface GatewayInstallResult extends InstallReport {
  profile: string;
  reason: string;
}

export default class GatewayInstall extends BaseCommand<typeof GatewayInstall> {
  static override description =
    'Install the per-profile gateway service: systemd user unit, launchd agent or scheduled task, or the built-in supervisor where no service manager runs. The service runs `gateway --profile P --port B` with the profile\'s environment set explicitly; secrets go to a 0600 env file in the state dir.';
  static override examples = [
    '<%= config.bin %> --profile main gateway install',
    '<%= config.bin %> --profile rescue gateway install --dry-run',
    '<%= config.bin %> --profile main gateway install --backend systemd',
  ];
  static override flags = {
    backend: backend('Force a backend instead of detecting one'),
    'dry-run': Flags.boolean({ description: 'Print every file (full content) and command, change nothing' }),
    force: Flags.boolean({ description: 'Replace a service file of another instance, or one of another backend' }),
    port: basePort('Move the profile to this base port (checked free, written to its config) and run the service there'),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<GatewayInstallResult> {
    const choice = await backendChoice(this.flags.backend);
    const ctx = await this.loadInstance({ port: this.flags.port });
    const instance = configuredInstance(ctx, this.flags.port);
    const newPort = this.flags.port !== undefined && instance.port !== ctx.config.gateway?.port;
    if (newPort) {
      // The service and the config must agree (doctor would flag it otherwise): prove the new base free first.
      const problem = baseProblem(await portPlan(ctx.paths), instance.port);
      if (problem) throw new UsageError(`--port ${instance.port}: ${problem}`, 'choose another base: clawport ports suggest');
    }
    const service = await installServiceContext(instance, this.config.root);
    const { installProfileService } = await import('@clawport/gateway');
    const report = await installProfileService(service, choice.backend, { dryRun: this.flags['dry-run'], force: this.flags.force });
    if (newPort && !report.dryRun) {
      await updateConfig(ctx.paths.configPath, (raw) => ({ ...raw, gateway: { ...((raw.gateway ?? {}) as Record<string, unknown>), port: instance.port } }));
      this.log(`set gateway.port=${instance.port} in ${ctx.paths.configPath}`);
    }
    this.log(`backend: ${choice.backend} (${choice.reason})`);
    if (report.dryRun) {
      this.log(dryRunText(report));
      for (const h of report.hints) this.log(`hint: ${h}`);
    } else {
      for (const f of report.files) this.log(`${f.action ?? 'wrote'}  ${f.path}`);
      for (const c of report.commands) this.log(`ran      ${formatCommand(c)}`);
      for (const h of report.hints) this.log(`hint: ${h}`);
      this.log(`installed ${report.service} for ${instance.name} on port ${instance.port}`);
      const changed = report.files.some((f) => f.action === 'updated');
      if (report.backend === 'supervisor') {
        // A running supervisor keeps the record it started with until it is restarted.
        const { supervisorStatus } = await import('@clawport/gateway');
        const running = (await supervisorStatus(instance.stateDir)).running;
        this.log(running ? (changed ? `apply the change: ${cliFor(instance)} gateway restart` : 'already running') : `start it: ${cliFor(instance)} gateway start`);
      }
    }
    return { ...report, profile: instance.name, reason: choice.reason };
  }
}
