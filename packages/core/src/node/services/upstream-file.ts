import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ResolvedInstance } from '../../instance.js';
import { legacyServiceNames, serviceNames, type ServiceNames } from '../../services/backend.js';
import { argvFlagValue, readInstalledService } from '../../services/installed.js';
import { userServiceFilePath } from '../../services/render.js';
import { hasUpstreamMarker, upstreamEntryScript, upstreamService, upstreamVersionInFile, type UpstreamServiceFile } from '../../services/upstream.js';

/**
 * The version of the upstream package whose script a service runs: the `openclaw` package.json above
 * it (read as data; nothing named by the file is run). Undefined when there is none.
 */
async function packageVersionOf(script: string): Promise<string | undefined> {
  for (let dir = dirname(script), i = 0; i < 3 && dir !== dirname(dir); dir = dirname(dir), i++) {
    const pkg = await readFile(join(dir, 'package.json'), 'utf8').then((t) => JSON.parse(t) as { name?: unknown; version?: unknown }, () => undefined);
    if (pkg) return pkg.name === 'openclaw' && typeof pkg.version === 'string' ? pkg.version : undefined;
  }
  return undefined;
}

/** Upstream's version for a service file: what the file says, else its package's. */
export async function upstreamServiceVersion(argv: readonly string[], env: Record<string, string>, text: string): Promise<string | undefined> {
  const said = upstreamVersionInFile({ env }, text);
  if (said) return said;
  const script = upstreamEntryScript(argv);
  return script ? packageVersionOf(script) : undefined;
}

/**
 * Upstream OpenClaw's own service for this instance's profile: the systemd unit or launchd agent under
 * upstream's names (`openclaw-gateway-P.service`, `ai.openclaw.P`) that carries its marker and runs this
 * profile. Files only: no service manager is asked. A file under those names without the marker is an
 * older install of ours (doctor's service.legacyName), not listed here.
 */
export function findUpstreamServices(instance: Pick<ResolvedInstance, 'profile' | 'name' | 'custom' | 'home'>): Promise<UpstreamServiceFile[]> {
  return upstreamServicesFor(instance.profile, instance.home, serviceNames(instance));
}

/** The same, from a profile's Clawport service names (what an install knows). */
export async function upstreamServicesFor(profile: string, home: string, ours: ServiceNames): Promise<UpstreamServiceFile[]> {
  const instance = { profile, home };
  const names = legacyServiceNames(ours);
  const found: UpstreamServiceFile[] = [];
  for (const backend of ['systemd', 'launchd'] as const) {
    const file = userServiceFilePath(backend, instance.home, names);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let installed;
    try {
      installed = readInstalledService(backend, text, file);
    } catch {
      // A format we cannot read: still upstream's when marked, version unknown.
      if (hasUpstreamMarker(text)) found.push({ backend, file, engine: 'openclaw' });
      continue;
    }
    if (!upstreamService(installed) && !hasUpstreamMarker(text)) continue;
    const profile = argvFlagValue(installed.argv, '--profile') ?? installed.env.OPENCLAW_PROFILE ?? 'default';
    if (profile !== instance.profile) continue;
    const version = await upstreamServiceVersion(installed.argv, installed.env, text);
    found.push({ backend, file, engine: 'openclaw', ...(version ? { version } : {}) });
  }
  return found;
}
