import { readFile, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { Flags } from '@oclif/core';
import { builtinManifests, instanceHome, resolveInstance, runDoctor, watchFindings, type DoctorReport, type DoctorFinding, type Repair, type ResolvedInstance } from '@clawport/core';
import {
  auditInstalledServices,
  chmodNoFollow,
  doctorFacts,
  doctorInstances,
  execRunner,
  fixInstalledService,
  footprintFindings,
  gatewayConfigFindings,
  isProcessAlive,
  refuseSymlinkedState,
  usableInstances,
  type InstalledServiceAudit,
} from '@clawport/core/node';
import { BaseCommand } from '../base-command.js';
import { gatewayCommand } from '../lib/gateway/service-command.js';

export interface DoctorResult extends DoctorReport {
  /** Repairs applied by --fix (empty without it): chmod/unlink, and service files rewritten. */
  fixed: Array<Repair | { kind: 'service'; path: string }>;
}

interface Checked {
  report: DoctorReport;
  /** Each instance's state dir, by name: every repair is refused when a link lies on the way to it. */
  stateDirs: Map<string, string>;
  services: Array<{ audit: InstalledServiceAudit; instance: ResolvedInstance }>;
}

export default class Doctor extends BaseCommand<typeof Doctor> {
  static override description =
    'Check isolation across every instance on this host: unique config/state/workspace/credentials dir, disjoint port footprints, no shared pinned cdpUrl or chat-channel bot token (compared by hash, never printed), no port held by a foreign process, unique explicit CDP ports, service files that match their profile, configs their gateway refuses to start on (beyond loopback without auth), file permissions, stale locks, plugin checks. Exit 1 when an error is found.';
  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --fix', '<%= config.bin %> doctor --json'];
  static override flags = {
    fix: Flags.boolean({
      description: 'Repair what is safe to repair (permissions, stale lock and runtime files, drifted service files), then check again',
    }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<DoctorResult> {
    let checked = await this.check();
    const fixed: DoctorResult['fixed'] = [];
    if (this.flags.fix) {
      const refused = new Set<string>();
      for (const f of checked.report.findings) {
        if (f.repair && (await this.apply(f.repair, checked.stateDirs.get(f.instance ?? ''), refused))) fixed.push(f.repair);
      }
      for (const { audit, instance } of checked.services) {
        if (audit.findings.length === 0) continue;
        try {
          // The service manifest is written into the state dir.
          await refuseSymlinkedState(instance.stateDir, { home: this.home() });
          const paths = await fixInstalledService(audit, instance, gatewayCommand(this.config.root), execRunner());
          for (const path of paths) fixed.push({ kind: 'service', path });
        } catch (e) {
          this.warning(`could not rewrite ${audit.file}: ${(e as Error & { toLine?: () => string }).toLine?.() ?? (e as Error).message}`);
        }
      }
      if (fixed.length > 0) checked = await this.check();
    }
    for (const r of fixed) {
      const what = r.kind === 'chmod' ? `chmod 0${r.mode.toString(8)}` : r.kind === 'service' ? 'rewrote service file' : 'removed';
      this.log(`${this.paint('green', 'fixed')}  ${what} ${r.path}`);
    }
    this.print(checked.report.findings);
    if (!checked.report.ok) process.exitCode = 1;
    return { ...checked.report, fixed };
  }

  private async check(): Promise<Checked> {
    const host = await this.readHost({ facets: ['files', 'owners', 'holders', 'incidents'], listeners: true });
    // Service files are compared with the profile as configured (not the port a gateway runs on now).
    const services: Checked['services'] = [];
    for (const i of usableInstances(host)) {
      const instance = resolveInstance({ ...i.discovered.instance, warnings: [] }, i.discovered.config, {});
      for (const audit of await auditInstalledServices(instance, gatewayCommand(this.config.root))) services.push({ audit, instance });
    }
    const instances = doctorInstances(host);
    const watch = watchFindings({
      instances,
      incidents: host.instances.flatMap((i) => i.incidents ?? []),
      running: new Set(host.instances.filter((i) => i.discovered.runtime).map((i) => i.discovered.instance.name)),
      now: Date.now(),
    });
    const extra = [...footprintFindings(host), ...gatewayConfigFindings(host), ...watch, ...services.flatMap((s) => s.audit.findings)];
    // Built-in plugins' checks, plus those of the instance named with --profile (its plugins were
    // loaded by readHost): host-wide reads never run another instance's plugin code (#16).
    const plugins = host.instances.find((i) => i.plugins.loaded)?.plugins.loaded ?? builtinManifests;
    const report = runDoctor({ instances, facts: doctorFacts(host), plugins, extra });
    const stateDirs = new Map(host.instances.map((i) => [i.discovered.instance.name, i.discovered.instance.stateDir]));
    return { report, services, stateDirs };
  }

  private home(): string {
    return instanceHome(process.env, homedir());
  }

  /**
   * Applies one repair; a stale file is re-checked by the next run, so a race only costs a warning.
   * Nothing is changed when a link lies on the way to the file (found by a docs-only trial: the
   * config inside a linked state dir was chmodded at the link's target); one warning per link.
   */
  private async apply(repair: Repair, stateDir: string | undefined, refused: Set<string>): Promise<boolean> {
    try {
      if (stateDir === undefined) throw new Error('not inside a known state dir');
      await refuseSymlinkedState(stateDir, { home: this.home(), path: repair.path });
      // Through O_NOFOLLOW: a link swapped in since the check is refused too, its target never chmodded.
      if (repair.kind === 'chmod') await chmodNoFollow(repair.path, repair.mode);
      else {
        // Re-read the owner right before removing: a gateway may have started since the check.
        const owner = JSON.parse(await readFile(repair.path, 'utf8').catch(() => '{}')) as { pid?: number; startTicks?: number };
        if (typeof owner.pid === 'number' && isProcessAlive(owner.pid, owner.startTicks)) return false;
        await unlink(repair.path);
      }
      return true;
    } catch (e) {
      const why = (e as Error).message;
      if (!refused.has(why)) this.warning(`could not repair ${repair.path}: ${why}`);
      refused.add(why);
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
