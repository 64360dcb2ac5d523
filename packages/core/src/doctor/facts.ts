import type { Finding } from '../plugins/contract.js';

/**
 * Facts about the host that doctor judges. The CLI gathers them (stat, lock files, /proc); the checks
 * here stay pure, so every rule is table-tested without touching a disk.
 */
export interface FileFact {
  instance: string;
  /** What the file is to the instance: its state dir, config, credentials dir or token file. */
  kind: 'stateDir' | 'config' | 'credentials' | 'token';
  path: string;
  /** Permission bits (mode & 0o777). */
  mode: number;
  /** Where the path really leads (symlinks resolved), when it differs from `path`. */
  realPath?: string;
}

/** A lock or runtime file left in a state dir, and whether the process it names still runs. */
export interface OwnerFileFact {
  instance: string;
  kind: 'lock' | 'runtime';
  path: string;
  pid: number;
  alive: boolean;
}

export interface DoctorFacts {
  files: readonly FileFact[];
  owners: readonly OwnerFileFact[];
  /** Instances whose config cannot be used, with the one-line reason. */
  brokenConfigs: ReadonlyArray<{ instance: string; file: string; message: string }>;
  /** Fixed ports of an instance that a process other than an instance's gateway listens on. */
  foreignPorts?: ReadonlyArray<{ instance: string; port: number; role: string; holder: string }>;
}

/** A repair doctor --fix may apply: data, so the CLI runs it and tests assert it without IO. */
export type Repair = { kind: 'chmod'; path: string; mode: number } | { kind: 'unlink'; path: string };

/** A finding plus the safe repair, when there is one. */
export interface DoctorFinding extends Finding {
  repair?: Repair;
}

export interface DoctorReport {
  /** False when any finding is an error. */
  ok: boolean;
  findings: DoctorFinding[];
  counts: { error: number; warning: number; info: number };
}
