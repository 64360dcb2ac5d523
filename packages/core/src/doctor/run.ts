import type { ClawportPlugin, DoctorInstance } from '../plugins/contract.js';
import type { DoctorFacts, DoctorFinding, DoctorReport } from './facts.js';
import { redactUrlPassword } from '../redact.js';
import { checkBrokenConfigs, checkPermissions, checkStaleOwners } from './files.js';
import { checkFootprints, checkSharedCdpUrls, checkUniquePaths } from './isolation.js';
import { checkForeignPorts, checkSharedChannelCredentials, checkSharedCredentialDirs } from './shared-credentials.js';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The isolation checklist across every instance on the host: unique config/state/workspace, disjoint
 * footprints, no shared pinned cdpUrl, permissions, stale locks, broken configs, and the `doctor`
 * checks of every plugin (a plugin whose check throws becomes one error finding naming it).
 * `extra` takes findings computed elsewhere (e.g. core's service-file audit).
 */
export function runDoctor(input: {
  instances: readonly DoctorInstance[];
  facts: DoctorFacts;
  plugins?: readonly ClawportPlugin[];
  extra?: readonly DoctorFinding[];
}): DoctorReport {
  const findings: DoctorFinding[] = [
    ...checkBrokenConfigs(input.facts.brokenConfigs),
    ...checkUniquePaths(input.instances),
    ...checkFootprints(input.instances, input.plugins),
    ...checkSharedCdpUrls(input.instances),
    ...checkSharedChannelCredentials(input.instances),
    ...checkSharedCredentialDirs(input.facts.files),
    ...checkForeignPorts(input.facts.foreignPorts),
    ...checkPermissions(input.facts.files),
    ...checkStaleOwners(input.facts.owners),
    ...(input.extra ?? []),
  ];
  for (const plugin of input.plugins ?? []) {
    if (!plugin.doctor) continue;
    try {
      findings.push(...plugin.doctor(input.instances));
    } catch (e) {
      findings.push({
        severity: 'error',
        check: `plugin.${plugin.id}.doctor`,
        message: `plugin ${plugin.id}: doctor check threw: ${(e as Error).message}`,
        fix: 'report it to the plugin author, or remove it from plugins.load',
      });
    }
  }
  // Findings quote config values (a cdpUrl, a webhook): whatever check or plugin wrote one, the password
  // inside a URL never reaches the report (the text, --json, the editor).
  const shown = findings.map((f) => ({ ...f, message: redactUrlPassword(f.message), ...(f.fix !== undefined ? { fix: redactUrlPassword(f.fix) } : {}) }));
  shown.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.instance ?? '').localeCompare(b.instance ?? ''));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of shown) counts[f.severity]++;
  return { ok: counts.error === 0, findings: shown, counts };
}
