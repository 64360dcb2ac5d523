import { chmod, readFile, unlink } from 'node:fs/promises';
import { isProcessAlive } from '@clawport/core/node';
import { Flags } from '@oclif/core';
import { runDoctor, type DoctorFinding, type DoctorReport, type Repair } from '@clawport/core';
import { BaseCommand } from '../base-command.js';
import { doctorInstances, gatherFacts } from '../lib/doctor-facts.js';
import { hostInstances } from '../lib/footprints.js';

export interface DoctorResult extends DoctorReport {
  /** Repairs applied by --fix (empty without it). */
  fixed: Repair[];
}

export default class Doctor extends BaseCommand<typeof Doctor> {
  static override description =
    'Check isolation across every instance on this host: unique config/state/workspace, disjoint port footprints, no shared pinned cdpUrl, file permissions, stale locks, plugin checks. Exit 1 when an error is found.';
  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --fix', '<%= config.bin %> doctor --json'];
  static override flags = {
    fix: Flags.boolean({ description: 'Repair what is safe to repair (permissions, stale lock and runtime files), then check again' }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<DoctorResult> {
    let report = await this.check();
    const fixed: Repair[] = [];
    if (this.flags.fix) {
      for (const f of report.findings) if (f.repair && (await this.apply(f.repair))) fixed.push(f.repair);
      if (fixed.length > 0) report = await this.check();
    }
    for (const r of fixed) this.log(`${this.paint('green', 'fixed')}  ${r.kind === 'chmod' ? `chmod 0${r.mode.toString(8)}` : 'removed'} ${r.path}`);
    this.print(report.findings);
    if (!report.ok) process.exitCode = 1;
    return { ...report, fixed };
  }

  private async check(): Promise<DoctorReport> {
    const { instances, broken } = await hostInstances();
    const facts = await gatherFacts([...instances.map((i) => i.discovered), ...broken]);
    const plugins = new Map(instances.flatMap((i) => i.plugins).map((p) => [p.id, p]));
    return runDoctor({ instances: doctorInstances(instances), facts, plugins: [...plugins.values()] });
  }

  /** Applies one repair; a stale file is re-checked by the next run, so a race only costs a warning. */
  private async apply(repair: Repair): Promise<boolean> {
    try {
      if (repair.kind === 'chmod') await chmod(repair.path, repair.mode);
      else {
        // Re-read the owner right before removing: a gateway may have started since the check.
        const owner = JSON.parse(await readFile(repair.path, 'utf8').catch(() => '{}')) as { pid?: number; startTicks?: number };
        if (typeof owner.pid === 'number' && isProcessAlive(owner.pid, owner.startTicks)) return false;
        await unlink(repair.path);
      }
      return true;
    } catch (e) {
      this.warning(`could not repair ${repair.path}: ${(e as Error).message}`);
      return false;
    }
  }

  private print(findings: readonly DoctorFinding[]): void {
    if (findings.length === 0) {
      this.log(this.paint('green', 'ok: no isolation problems found'));
      return;
    }
    for (const f of findings) {
      const label = f.severity === 'error' ? this.paint('red', 'error') : f.severity === 'warning' ? this.paint('yellow', 'warn ') : 'info ';
      this.log(`${label}  ${f.message}${f.fix ? `\n       fix: ${f.fix}` : ''}`);
    }
  }
}
