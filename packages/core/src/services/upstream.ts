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

/** Upstream's marker in raw text: for files whose structure we cannot read (a newer format). */
export function hasUpstreamMarker(text: string): boolean {
  return /OPENCLAW_SERVICE_MARKER\W{1,40}openclaw\b/.test(text);
}

/** Where a forced install keeps upstream's file before replacing it. */
export const upstreamBackupPath = (file: string) => `${file}.openclaw-backup`;
