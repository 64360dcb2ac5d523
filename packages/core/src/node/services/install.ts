import { readFile } from 'node:fs/promises';
import { ServiceError } from '../../errors.js';
import type { BackendId } from '../../services/backend.js';
import { argvFlagValue, readInstalledService } from '../../services/installed.js';
import { parseServiceManifest, SERVICE_MANIFEST_FILE, type ServiceManifest } from '../../services/manifest.js';
import { formatCommand, operationPlan, type CommandPlan } from '../../services/plans.js';
import { renderServiceFiles, serviceFilePath, type RenderOptions, type ServiceFile } from '../../services/render.js';
import type { ServiceSpec } from '../../services/spec.js';
import { legacyServiceNames, serviceName } from '../../services/backend.js';
import { hasUpstreamMarker, upstreamBackupPath, upstreamService } from '../../services/upstream.js';
import { readSmallFile, writeFileAtomic } from '../fs-safe.js';
import { removeFiles, writeServiceFiles, type FileChange } from './files.js';
import type { CommandRunner } from './runner.js';
import { upstreamServicesFor, upstreamServiceVersion } from './upstream-file.js';

export interface InstallOptions {
  backend: BackendId;
  spec: ServiceSpec;
  runner: CommandRunner;
  dryRun?: boolean;
  /** Replace a service file that belongs to another instance, or one of another backend. */
  force?: boolean;
  render?: RenderOptions;
  uid?: number;
}

export interface InstallReport {
  backend: BackendId;
  service: string;
  dryRun: boolean;
  files: Array<ServiceFile & { action?: FileChange['action'] }>;
  commands: CommandPlan[];
  hints: string[];
}

export function manifestPath(spec: Pick<ServiceSpec, 'stateDir'>): string {
  return `${spec.stateDir}/${SERVICE_MANIFEST_FILE}`;
}

// eslint-disable-next-line @typescript-eslint/require-await -- reads with readSmallFile (sync, see there); async so a failure stays a rejection
export async function readServiceManifest(spec: Pick<ServiceSpec, 'stateDir'>): Promise<ServiceManifest | undefined> {
  const file = manifestPath(spec);
  const text = readSmallFile(file);
  return text === undefined ? undefined : parseServiceManifest(text, file);
}

/**
 * Refuses to overwrite a service of another instance that sits under this profile's name, or one
 * upstream OpenClaw installed (its marker; same names as ours). Returns upstream's file when a forced
 * install is about to replace it, so the caller keeps a backup first.
 */
async function assertNotForeign(backend: BackendId, spec: ServiceSpec, force: boolean): Promise<{ file: string; text: string } | undefined> {
  const file = serviceFilePath(backend, spec);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let installedUpstream: { version?: string } | undefined;
  try {
    const installed = readInstalledService(backend, text, file);
    if (upstreamService(installed)) installedUpstream = { version: await upstreamServiceVersion(installed.argv, installed.env, text) };
  } catch {
    installedUpstream = undefined;
  }
  if (installedUpstream !== undefined || hasUpstreamMarker(text)) {
    const version = installedUpstream?.version ? ` ${installedUpstream.version}` : '';
    if (!force) {
      throw new ServiceError(
        `${file} is upstream OpenClaw's gateway service (openclaw${version}); Clawport never replaces it`,
        `leave it, or pass --force to replace it (it is kept as ${upstreamBackupPath(file)})`,
      );
    }
    return { file, text };
  }
  let owner: string | undefined;
  try {
    const installed = readInstalledService(backend, text, file);
    const profile = argvFlagValue(installed.argv, '--profile') ?? installed.env.OPENCLAW_PROFILE ?? 'default';
    const stateDir = installed.env.OPENCLAW_STATE_DIR;
    if (profile !== spec.profile || (stateDir !== undefined && stateDir !== spec.stateDir)) {
      owner = `profile ${profile}, state dir ${stateDir ?? 'unknown'}`;
    }
  } catch {
    owner = 'unreadable, not written by this version';
  }
  if (owner && !force) {
    throw new ServiceError(`${file} already defines a service for another instance (${owner})`, 'uninstall that one first, or pass --force to replace it');
  }
  return undefined;
}

/** This profile's spec under the names Clawport used before it had its own (upstream's names). */
export function legacySpec(spec: ServiceSpec): ServiceSpec {
  return { ...spec, names: legacyServiceNames(spec.names) };
}

/** A file under the old shared name of this profile's service: an older install of ours, or upstream's. */
export interface LegacyServiceFile {
  file: string;
  text: string;
  /** Upstream OpenClaw's (its marker): never touched. Otherwise ours from before the rename. */
  upstream: boolean;
}

/** The systemd unit or launchd agent at the old name, if one exists and runs this profile. */
export async function findLegacyServiceFile(backend: BackendId, spec: ServiceSpec): Promise<LegacyServiceFile | undefined> {
  if (backend !== 'systemd' && backend !== 'launchd') return undefined; // the others keep their files in the state dir
  const file = serviceFilePath(backend, legacySpec(spec));
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let installed;
  try {
    installed = readInstalledService(backend, text, file);
  } catch {
    return hasUpstreamMarker(text) ? { file, text, upstream: true } : undefined;
  }
  const profile = argvFlagValue(installed.argv, '--profile') ?? installed.env.OPENCLAW_PROFILE ?? 'default';
  if (profile !== spec.profile) return undefined;
  return { file, text, upstream: upstreamService(installed) !== undefined || hasUpstreamMarker(text) };
}

/** Validates, renders, writes and registers; on any failure puts every file back. */
export async function installService(opts: InstallOptions): Promise<InstallReport> {
  const { backend, spec } = opts;
  const files = renderServiceFiles(backend, spec, opts.render);
  const plan = backend === 'supervisor' ? { commands: [], hints: [] } : operationPlan(backend, 'install', spec, { uid: opts.uid });
  const existing = await readServiceManifest(spec);
  if (existing && existing.backend !== backend && !opts.force) {
    throw new ServiceError(
      `profile ${spec.name} already has a ${existing.backend} service (${existing.service})`,
      `uninstall it first: clawport${spec.names.suffix ? ` --profile ${spec.profile}` : ''} gateway uninstall, or pass --force`,
    );
  }
  const upstream = await assertNotForeign(backend, spec, opts.force ?? false);
  const report: InstallReport = { backend, service: serviceName(backend, spec.names), dryRun: Boolean(opts.dryRun), files, commands: plan.commands, hints: plan.hints };
  if (upstream) report.hints.push(`replacing upstream OpenClaw's service; its file is kept as ${upstreamBackupPath(upstream.file)}`);
  // Before Clawport had its own names its units used upstream's: move such a unit of ours to the new
  // name (unregister and remove the old one); upstream's own unit is left alone and only mentioned.
  const legacy = await findLegacyServiceFile(backend, spec);
  const legacyPlan = legacy && !legacy.upstream && backend !== 'supervisor' ? operationPlan(backend, 'uninstall', legacySpec(spec), { uid: opts.uid }).commands.map((c) => ({ ...c, allowFailure: true })) : [];
  // Upstream's own unit/agent for this profile, whatever backend Clawport installs (the supervisor too).
  for (const u of await upstreamServicesFor(spec.profile, spec.home, spec.names)) {
    if (u.file === upstream?.file) continue;
    report.hints.push(`upstream OpenClaw's ${u.file} also runs profile ${spec.profile}: run one of the two, or they will hold the same port`);
  }
  if (legacy?.upstream && !report.hints.some((h) => h.includes(legacy.file))) report.hints.push(`upstream OpenClaw's ${legacy.file} also runs profile ${spec.profile}: run one of the two, or they will hold the same port`);
  if (legacy && !legacy.upstream) {
    report.hints.push(`moving this profile's service from its old name ${legacy.file} to ${serviceFilePath(backend, spec)}`);
    report.commands = [...legacyPlan.slice(0, 1), ...report.commands];
  }
  if (opts.dryRun) {
    if (legacy && !legacy.upstream) report.hints.push(`would remove ${legacy.file}`);
    return report;
  }
  if (legacy && !legacy.upstream) {
    if (legacyPlan[0]) await runChecked(opts.runner, legacyPlan[0]);
    await removeFiles([legacy.file]);
  }
  if (upstream) await writeFileAtomic(upstreamBackupPath(upstream.file), upstream.text, 0o600);

  const written = await writeServiceFiles(files);
  const manifest: ServiceManifest = {
    version: 1,
    backend,
    service: report.service,
    profile: spec.profile,
    port: spec.port,
    files: written.changes.map((c) => ({
      path: c.path,
      // A re-install keeps ownership: a file the first install created is still ours to remove.
      created: c.action === 'created' || Boolean(existing?.files.find((f) => f.path === c.path)?.created),
    })),
    installedAt: new Date().toISOString(),
  };
  const manifestFile = manifestPath(spec);
  const previousManifest = await readFile(manifestFile).catch(() => undefined);
  try {
    await writeFileAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, 0o600);
    for (const command of plan.commands) await runChecked(opts.runner, command);
  } catch (e) {
    // Manifest first: the files' rollback then removes the directories it created, now empty.
    if (previousManifest) await writeFileAtomic(manifestFile, previousManifest, 0o600);
    else await removeFiles([manifestFile]);
    await written.rollback();
    throw e;
  }
  return { ...report, files: files.map((f, i) => ({ ...f, action: written.changes[i]?.action })) };
}

/** Runs one command; a failure that is not allowed becomes a one-line ServiceError naming it. */
export async function runChecked(runner: CommandRunner, command: CommandPlan): Promise<string> {
  const r = await runner.run(command);
  if (r.code !== 0 && !command.allowFailure) {
    const why = (r.stderr || r.stdout).trim().split('\n')[0] || 'no output';
    throw new ServiceError(`\`${formatCommand(command)}\` failed (exit ${r.code}): ${why}`, 'choose another backend with --backend supervisor if no service manager runs here');
  }
  return r.stdout;
}

export interface UninstallReport {
  backend: BackendId;
  service: string;
  removed: string[];
  kept: string[];
  commands: CommandPlan[];
}

/** Stops and unregisters, then removes exactly the files the install created (never the user's env file). */
export async function uninstallService(spec: ServiceSpec, runner: CommandRunner, opts: { dryRun?: boolean; uid?: number } = {}): Promise<UninstallReport> {
  const manifest = await readServiceManifest(spec);
  if (!manifest) {
    throw new ServiceError(
      `profile ${spec.name} has no service installed (no ${manifestPath(spec)})`,
      `install one with: clawport${spec.names.suffix ? ` --profile ${spec.profile}` : ''} gateway install`,
    );
  }
  // An install from before the rename is unregistered under the name it was installed with.
  const named = manifest.backend !== 'supervisor' && manifest.service === serviceName(manifest.backend, legacySpec(spec).names) ? legacySpec(spec) : spec;
  const commands = manifest.backend === 'supervisor' ? [] : operationPlan(manifest.backend, 'uninstall', named, { uid: opts.uid }).commands;
  const ours = manifest.files.filter((f) => f.created).map((f) => f.path);
  const kept = manifest.files.filter((f) => !f.created).map((f) => f.path);
  if (opts.dryRun) return { backend: manifest.backend, service: manifest.service, removed: [...ours, manifestPath(spec)], kept, commands };
  // Unregister while the unit file still exists (systemctl disable needs it), then daemon-reload after.
  const [first, ...rest] = commands;
  if (first) await runChecked(runner, first);
  const removed = await removeFiles([...ours, manifestPath(spec)], [spec.serviceDir]);
  for (const command of rest) await runChecked(runner, command);
  return { backend: manifest.backend, service: manifest.service, removed, kept, commands };
}
