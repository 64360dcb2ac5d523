import { overlaps, type ClawportPlugin, type DoctorInstance, type Finding, type Footprint, type ResolvedClaim } from '@clawport/core';
import type { InstanceSnapshot } from './snapshot.js';

/**
 * The config key a user edits to move a claim: its explicit key when set, else the base port (relative
 * claims follow `gateway.port`). Used to put a diagnostic on the right line.
 */
export function claimKeyPath(s: Pick<InstanceSnapshot, 'config'>, claim: ResolvedClaim): string {
  const c = s.config;
  if (claim.id === 'browser.control' || claim.id === 'browser.cdp') {
    return c.browser?.controlPort !== undefined ? 'browser.controlPort' : 'gateway.port';
  }
  if (claim.id === 'canvas') return c.canvasHost?.port !== undefined ? 'canvasHost.port' : 'gateway.port';
  if (claim.id.startsWith('browser.profile.')) return `browser.profiles.${claim.id.slice('browser.profile.'.length)}.cdpPort`;
  return 'gateway.port';
}

function sameValue(
  snapshots: readonly InstanceSnapshot[],
  check: string,
  what: string,
  value: (s: InstanceSnapshot) => string | undefined,
  keyPath: string,
): Finding[] {
  const by = new Map<string, InstanceSnapshot[]>();
  for (const s of snapshots) {
    const v = value(s);
    if (v !== undefined) by.set(v, [...(by.get(v) ?? []), s]);
  }
  const out: Finding[] = [];
  for (const [v, group] of by) {
    if (group.length < 2) continue;
    for (const s of group) {
      const others = group.filter((o) => o !== s).map((o) => o.name).join(', ');
      out.push({
        severity: 'error',
        check,
        instance: s.name,
        message: `${s.name} shares ${what} ${v} with ${others}`,
        fix: `give ${s.name} its own ${what}`,
        file: s.configPath,
        keyPath,
      });
    }
  }
  return out;
}

/**
 * The isolation checklist over every instance (SPEC §4 doctor): disjoint footprints (core's overlap
 * proof), unique config/state/workspace, no shared pinned cdpUrl, config that validates, no foreign
 * listener on a stopped instance's ports, plus every plugin's own doctor checks.
 */
export function doctorFindings(snapshots: readonly InstanceSnapshot[], plugins: readonly ClawportPlugin[] = []): Finding[] {
  const byName = new Map(snapshots.map((s) => [s.name, s]));
  const findings: Finding[] = [];
  const footprints: Footprint[] = snapshots.map((s) => ({ instance: s.name, base: s.base, claims: s.ports.map((p) => p.claim) }));
  for (const o of overlaps(footprints)) {
    for (const ref of o.a.instance === o.b.instance ? [o.a] : [o.a, o.b]) {
      const s = byName.get(ref.instance)!;
      findings.push({
        severity: 'error',
        check: 'ports.overlap',
        instance: s.name,
        message: o.message,
        fix: 'move one base port to a free footprint (openclaw ports suggest)',
        file: s.configPath,
        keyPath: claimKeyPath(s, ref.claim),
      });
    }
  }
  findings.push(
    ...sameValue(snapshots, 'config.shared', 'config file', (s) => s.configPath, 'gateway'),
    ...sameValue(snapshots, 'workspace.shared', 'workspace', (s) => s.workspace, 'agents.defaults.workspace'),
    ...sameValue(snapshots, 'browser.cdpUrl.shared', 'pinned browser.cdpUrl', (s) => s.config.browser?.cdpUrl, 'browser.cdpUrl'),
  );
  for (const s of snapshots) {
    if (s.configError) {
      findings.push({ severity: 'error', check: 'config.invalid', instance: s.name, message: s.configError, fix: 'fix the config, then refresh', file: s.configPath });
    }
    if (!s.running) {
      for (const c of s.conflicts.filter((m) => m.includes('already in use'))) {
        findings.push({ severity: 'warning', check: 'ports.busy', instance: s.name, message: c, fix: 'stop the other process or move the base port', file: s.configPath, keyPath: 'gateway.port' });
      }
    }
  }
  const doctorView: DoctorInstance[] = snapshots.map((s) => ({
    name: s.name,
    profile: s.profile,
    stateDir: s.stateDir,
    configPath: s.configPath,
    workspace: s.workspace,
    base: s.base,
    config: s.config,
    footprint: s.ports.map((p) => p.claim),
  }));
  for (const p of plugins) {
    if (!p.doctor) continue;
    try {
      findings.push(...p.doctor(doctorView));
    } catch (e) {
      findings.push({ severity: 'error', check: `plugin.${p.id}.doctor`, message: `plugin ${p.id}: doctor check threw: ${(e as Error).message}` });
    }
  }
  return findings;
}
