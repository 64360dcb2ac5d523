import { BaseCommand } from '../../base-command.js';
import { portsCheck, type PortsCheckResult } from '../../lib/ports/ports-check.js';

export type { PortsCheckResult } from '../../lib/ports/ports-check.js';

export default class PortsCheck extends BaseCommand<typeof PortsCheck> {
  static override description =
    'Prove the port footprints of all instances on this host disjoint, or name every overlap and every instance that could not be checked (exit 1 on either)';
  static override examples = ['<%= config.bin %> ports check', '<%= config.bin %> ports check --json'];
  static override enableJsonFlag = true;

  // The proof and the text live in lib/ports (free of oclif): src/read-entry.ts runs the same for a plain `ports check`.
  public async run(): Promise<PortsCheckResult> {
    const report = portsCheck(await this.readHost());
    for (const w of report.warnings) this.warning(w);
    if (report.text !== '') this.log(report.text);
    if (report.exitCode !== 0) process.exitCode = report.exitCode;
    return report.result;
  }
}
