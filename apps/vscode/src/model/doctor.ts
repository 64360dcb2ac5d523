import { runDoctor, type ClawportPlugin, type DoctorFacts, type DoctorFinding, type DoctorInstance } from '@clawport/core';
import type { InstanceSnapshot } from './snapshot.js';
import { conflictLine } from './words.js';

/** What core's doctor checks see about each instance. */
export function doctorInstances(snapshots: readonly InstanceSnapshot[]): DoctorInstance[] {
  return snapshots.map((s) => ({
    name: s.name,
    profile: s.profile,
    stateDir: s.stateDir,
    configPath: s.configPath,
    workspace: s.workspace,
    base: s.base,
    config: s.config,
    // a stopped gateway's broken config proves no footprint (the gateway's preflight ignores it too)
    footprint: s.portsAssumed && !s.running ? [] : s.ports.map((p) => p.claim),
  }));
}

/**
 * Core's doctor (the isolation checklist, permissions, stale owners, broken configs, plugin checks) over
 * the snapshots, plus what only a live probe sees: a foreign process on a stopped instance's port.
 * Findings without a file are pinned to the instance's config so they show as diagnostics.
 */
export function doctorFindings(
  snapshots: readonly InstanceSnapshot[],
  facts: Omit<DoctorFacts, 'brokenConfigs'> = { files: [], owners: [] },
  plugins: readonly ClawportPlugin[] = [],
): DoctorFinding[] {
  const busy: DoctorFinding[] = snapshots.flatMap((s) =>
    s.running
      ? []
      : s.conflicts
          .filter((c) => c.kind === 'foreign')
          .map((c) => ({ severity: 'warning' as const, check: 'ports.busy', instance: s.name, message: conflictLine(s.name, c), fix: 'stop the other process or move the base port', keyPath: 'gateway.port' })),
  );
  const brokenConfigs = snapshots
    .filter((s) => s.configError)
    .map((s) => ({ instance: s.name, file: s.configPath, message: `${s.configPath}${s.configError!.line ? `:${s.configError!.line}` : ''}: ${s.configError!.cause}` }));
  const report = runDoctor({ instances: doctorInstances(snapshots), facts: { ...facts, brokenConfigs }, plugins, extra: busy });
  const configOf = new Map(snapshots.map((s) => [s.name, s.configPath]));
  return report.findings.map((f) => (f.file || !f.instance ? f : { ...f, file: configOf.get(f.instance) }));
}
