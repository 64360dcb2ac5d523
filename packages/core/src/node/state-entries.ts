import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LOCK_FILE, LOGS_DIR, RUNTIME_FILE, TOKEN_FILE } from '../runtime.js';
import { refuseSymlink } from './fs-safe.js';

/**
 * The entries of a state dir that hold credentials or get written by the gateway. None may be a
 * symbolic link: a link would let whoever placed it redirect a chmod, a log append or a token read.
 */
export function stateEntries(stateDir: string): string[] {
  return [
    stateDir,
    dirname(join(stateDir, TOKEN_FILE)),
    join(stateDir, TOKEN_FILE),
    join(stateDir, LOGS_DIR),
    join(stateDir, LOGS_DIR, 'gateway.log'),
    join(stateDir, LOCK_FILE),
    join(stateDir, RUNTIME_FILE),
    join(stateDir, 'canvas'),
  ];
}

/** `to`'s own path and each dir between `from` (excluded) and it, outermost first; [] when `to` is not below `from`. */
function pathsBelow(from: string, to: string): string[] {
  const rel = relative(resolve(from), resolve(to));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return [];
  const parts = rel.split(sep);
  return parts.map((_, i) => join(resolve(from), ...parts.slice(0, i + 1)));
}

/**
 * THE check before clawport changes anything in a state dir (the gateway's start, every `doctor --fix`
 * repair): throws StateSymlinkError naming the first symbolic link among the state dir's entries
 * (stateEntries), the dirs between `home` and the state dir (a link there moves the whole dir as
 * surely as linking the dir itself; the home may be a link: macOS /var is one), and the entries
 * between the state dir and `path`, `path` included. A `path` outside the state dir (a config put
 * elsewhere with OPENCLAW_CONFIG_PATH, on purpose) is checked as itself only.
 */
export async function refuseSymlinkedState(stateDir: string, options: { home?: string; path?: string } = {}): Promise<void> {
  const entries = [
    ...(options.home ? pathsBelow(options.home, dirname(resolve(stateDir))) : []),
    ...stateEntries(stateDir),
    ...(options.path ? (pathsBelow(stateDir, options.path).length > 0 ? pathsBelow(stateDir, options.path) : [options.path]) : []),
  ];
  for (const path of entries) await refuseSymlink(path);
}
