import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER_CONTROL_OFFSET, CANVAS_OFFSET, UsageError, builtinManifests, isCoreConfigKey } from '@clawport/core';

/** The plugin package template: real files with __NAME__, __OFFSET__ and __SDK__ placeholders. */
export const PLUGIN_TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates', 'plugin');

/** Files npm would drop from a published package, stored under another name in the template. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

export interface ScaffoldOptions {
  name: string;
  /** The plugin's port, as an offset from the base. */
  offset: number;
  /** The dependency spec of @clawport/plugin-sdk written into package.json. */
  sdk: string;
}

/**
 * A plugin name is its package name, plugin id and config key at once, so it must be all three:
 * lower-case npm name, no core config key, no built-in plugin id.
 */
export function checkPluginName(name: string): void {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(name) || name.endsWith('-')) {
    throw new UsageError(`plugin name "${name}" must be lower-case letters, digits and dashes, starting with a letter`, 'e.g. clawport plugins new webhook');
  }
  if (isCoreConfigKey(name) || [...builtinManifests.map((p) => p.id), 'core'].includes(name)) {
    throw new UsageError(`plugin name "${name}" is taken by Clawport itself (a core config key or built-in plugin)`, 'pick another name');
  }
}

/** B+2 and B+4 are the browser control and canvas ports: a scaffold must not start out overlapping them. */
export function checkOffset(offset: number): void {
  if (offset === BROWSER_CONTROL_OFFSET || offset === CANVAS_OFFSET) {
    throw new UsageError(`--offset ${offset} is base+${offset}, claimed by the built-in ${offset === CANVAS_OFFSET ? 'canvas host' : 'browser control'}`, 'use 1, 3 or 5–10');
  }
}

/** Template path → file text, placeholders filled. Pure apart from reading the template. */
export async function renderPluginTemplate(o: ScaffoldOptions, dir = PLUGIN_TEMPLATE_DIR): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const rel = relative(dir, path);
        const out = join(dirname(rel), RENAMED[basename(rel)] ?? basename(rel));
        const text = await readFile(path, 'utf8');
        files.set(out, text.replaceAll('__NAME__', o.name).replaceAll('__OFFSET__', String(o.offset)).replaceAll('__SDK__', o.sdk));
      }
    }
  };
  await walk(dir);
  return files;
}

/**
 * Writes the scaffold into `target`, which must not exist yet. Files go to a sibling temp dir first and
 * are renamed into place, so a failure leaves nothing half-written.
 */
export async function writeScaffold(target: string, files: ReadonlyMap<string, string>): Promise<void> {
  if (await stat(target).then(() => true, () => false)) {
    throw new UsageError(`${target} already exists`, 'pick another name or --dir, or remove it first');
  }
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}-`));
  try {
    for (const [rel, text] of files) {
      await mkdir(dirname(join(staging, rel)), { recursive: true });
      await writeFile(join(staging, rel), text);
    }
    await chmod(staging, 0o755); // mkdtemp makes it 0700; a package dir is world-readable like any other
    await rename(staging, target);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}
