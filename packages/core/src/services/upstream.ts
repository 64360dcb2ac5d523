import type { BackendId } from './backend.js';
import type { InstalledService } from './installed.js';

/**
 * Upstream OpenClaw marks the service files it installs (same unit/label/task names as ours):
 * `OPENCLAW_SERVICE_MARKER=openclaw`, `OPENCLAW_SERVICE_KIND=gateway`, `OPENCLAW_SERVICE_VERSION=<v>`.
 * Clawport's own files never carry the marker, so it is how a file is told apart as upstream's.
 */
export const UPSTREAM_SERVICE_MARKER = 'OPENCLAW_SERVICE_MARKER';

export interface UpstreamService {
  engine: 'openclaw';
  /** OPENCLAW_SERVICE_VERSION, when the file says. */
  version?: string;
  kind?: string;
}

/** The upstream facts of an installed service file, or undefined when it is not upstream's. */
export function upstreamService(installed: Pick<InstalledService, 'env'>): UpstreamService | undefined {
  if (installed.env[UPSTREAM_SERVICE_MARKER] !== 'openclaw') return undefined;
  return { engine: 'openclaw', version: installed.env.OPENCLAW_SERVICE_VERSION, kind: installed.env.OPENCLAW_SERVICE_KIND };
}

/** Upstream OpenClaw's own service for a profile, found under its names (status, doctor, the sidebar show it). */
export interface UpstreamServiceFile {
  backend: Extract<BackendId, 'systemd' | 'launchd'>;
  /** The unit or plist. */
  file: string;
  engine: 'openclaw';
  /** The upstream version the file runs, when it can be told (see core/node findUpstreamServices). */
  version?: string;
}

/**
 * Where an upstream service file says its version without running anything: its own variable (older
 * releases), else the `v<version>` older releases put in the unit's Description. 2026.9.x writes neither
 * (it strips both from old units); core/node then reads the package.json beside the script it runs.
 */
export function upstreamVersionInFile(installed: Pick<InstalledService, 'env'>, text: string): string | undefined {
  return installed.env.OPENCLAW_SERVICE_VERSION ?? /^Description=OpenClaw Gateway \((?:profile: [^,)\r\n]+, )?v([^)\r\n]+)\)$/m.exec(text)?.[1];
}

/** The script an upstream service runs (`…/openclaw/dist/index.js`, `…/openclaw/openclaw.mjs`), if argv names one. */
export function upstreamEntryScript(argv: readonly string[]): string | undefined {
  return argv.find((a) => /[\\/]openclaw[\\/](?:dist[\\/](?:index|entry)\.m?js|openclaw\.mjs)$/.test(a));
}

/** Upstream's marker in raw text: for files whose structure we cannot read (a newer format). */
export function hasUpstreamMarker(text: string): boolean {
  return /OPENCLAW_SERVICE_MARKER\W{1,40}openclaw\b/.test(text);
}

/** Where a forced install keeps upstream's file before replacing it. */
export const upstreamBackupPath = (file: string) => `${file}.openclaw-backup`;
