import { readFile } from 'node:fs/promises';
import type { ResolvedInstance } from '../../instance.js';
import type { Finding } from '../../plugins/contract.js';
import { auditServiceFile } from '../../services/audit.js';
import type { BackendId } from '../../services/backend.js';
import { serviceFilePath } from '../../services/render.js';
import { serviceSpec, type GatewayCommand } from '../../services/spec.js';
import { findLegacyServiceFile, installService, readServiceManifest } from './install.js';
import { reinstallCommand } from '../../services/audit.js';
import { readInstalledService } from '../../services/installed.js';
import { upstreamServiceVersion } from './upstream-file.js';
import type { CommandRunner } from './runner.js';

async function upstreamVersion(backend: BackendId, legacy: { file: string; text: string }): Promise<string | undefined> {
  try {
    const installed = readInstalledService(backend, legacy.text, legacy.file);
    return await upstreamServiceVersion(installed.argv, installed.env, legacy.text);
  } catch {
    return undefined;
  }
}

/** One installed service file of an instance and what doctor found in it. */
export interface InstalledServiceAudit {
  instance: string;
  backend: BackendId;
  file: string;
  findings: Finding[];
}

/**
 * Finds every service file that belongs to an instance: the one its manifest names, plus a systemd unit
 * or launchd agent at the conventional path (written by hand or by an older install), and audits each.
 */
export async function auditInstalledServices(instance: ResolvedInstance, command: GatewayCommand): Promise<InstalledServiceAudit[]> {
  const spec = serviceSpec(instance, command);
  const manifest = await readServiceManifest(spec).catch(() => undefined);
  const candidates = new Map<string, BackendId>();
  if (manifest) candidates.set(serviceFilePath(manifest.backend, spec), manifest.backend);
  for (const backend of ['systemd', 'launchd'] as const) {
    const path = serviceFilePath(backend, spec);
    if (!candidates.has(path)) candidates.set(path, backend);
  }
  const audits: InstalledServiceAudit[] = [];
  for (const [file, backend] of candidates) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    audits.push({ instance: instance.name, backend, file, findings: auditServiceFile({ backend, file, text, instance }) });
  }
  // A unit of ours from before the rename still carries upstream's name: say so (upstream's own is not ours to judge).
  for (const backend of ['systemd', 'launchd'] as const) {
    const legacy = await findLegacyServiceFile(backend, spec);
    if (!legacy) continue;
    if (legacy.upstream) {
      // Upstream's own service for this profile: shown (it is real, and may run this same gateway), never judged.
      const version = await upstreamVersion(backend, legacy);
      audits.push({
        instance: instance.name,
        backend,
        file: legacy.file,
        findings: [{ severity: 'info', check: 'service.upstream', instance: instance.name, file: legacy.file, message: `${legacy.file}: upstream OpenClaw's ${backend} service for profile ${instance.profile} (engine openclaw${version ? ` ${version}` : ''}); Clawport leaves it alone` }],
      });
      continue;
    }
    const fix = reinstallCommand(instance).replace(' --force', '');
    audits.push({
      instance: instance.name,
      backend,
      file: legacy.file,
      findings: [{ severity: 'warning', check: 'service.legacyName', instance: instance.name, file: legacy.file, message: `${legacy.file}: installed under the old name, which upstream OpenClaw also uses; reinstalling moves it to ${serviceFilePath(backend, spec)}`, fix }],
    });
  }
  return audits;
}

/**
 * doctor --fix: rewrites a drifted service file from the profile (force: it may name another
 * instance) and lets the backend pick it up (daemon-reload etc.). Returns what was rewritten.
 */
export async function fixInstalledService(
  audit: InstalledServiceAudit,
  instance: ResolvedInstance,
  command: GatewayCommand,
  runner: CommandRunner,
): Promise<string[]> {
  // Only drift is fixed; an info (upstream's own unit) is nothing to rewrite.
  if (audit.findings.every((f) => f.severity === 'info')) return [];
  const report = await installService({ backend: audit.backend, spec: serviceSpec(instance, command), runner, force: true });
  return report.files.filter((f) => f.action === 'updated' || f.action === 'created').map((f) => f.path);
}
