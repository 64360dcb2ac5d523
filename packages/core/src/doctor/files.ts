import type { DoctorFacts, DoctorFinding, FileFact } from './facts.js';

/** Directories 0700, files 0600: they hold sessions and credentials. */
const WANTED: Record<FileFact['kind'], { mode: number; severity: 'error' | 'warning' }> = {
  stateDir: { mode: 0o700, severity: 'warning' },
  credentials: { mode: 0o700, severity: 'error' },
  config: { mode: 0o600, severity: 'warning' },
  token: { mode: 0o600, severity: 'error' },
};

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Anything readable or writable by group or others is reported, with a chmod as the repair. */
export function checkPermissions(files: readonly FileFact[]): DoctorFinding[] {
  return files
    .filter((f) => (f.mode & 0o077) !== 0)
    .map((f) => {
      const wanted = WANTED[f.kind];
      return {
        severity: wanted.severity,
        check: 'files.permissions',
        instance: f.instance,
        message: `${f.path} is ${octal(f.mode)} (group/others can access it; want ${octal(wanted.mode)})`,
        fix: `chmod ${octal(wanted.mode)} ${f.path}`,
        file: f.path,
        repair: { kind: 'chmod', path: f.path, mode: wanted.mode },
      };
    });
}

/**
 * Lock and runtime files whose process died (kill -9, power loss). The gateway reclaims a stale lock
 * by itself, so this is a warning; removing it is safe because its owner is gone.
 */
export function checkStaleOwners(owners: DoctorFacts['owners']): DoctorFinding[] {
  return owners
    .filter((o) => !o.alive)
    .map((o) => ({
      severity: 'warning',
      check: o.kind === 'lock' ? 'state.staleLock' : 'state.staleRuntime',
      instance: o.instance,
      message: `${o.path} names pid ${o.pid}, which is not running (left by a gateway that was killed)`,
      fix: `remove it: rm ${o.path} (or: clawport doctor --fix)`,
      file: o.path,
      repair: { kind: 'unlink', path: o.path },
    }));
}

export function checkBrokenConfigs(broken: DoctorFacts['brokenConfigs']): DoctorFinding[] {
  return broken.map((b) => ({
    severity: 'error',
    check: 'config.invalid',
    instance: b.instance,
    message: b.message,
    fix: 'fix the file, or: clawport config rollback',
    file: b.file,
  }));
}
