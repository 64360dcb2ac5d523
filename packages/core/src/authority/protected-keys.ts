/**
 * Config keys that decide who can connect or what code runs. One list for the whole product:
 * never writable from another instance, never writable over RPC at all for `watch` (the trust
 * relation itself), and admin-only locally. A key is protected when its dotted path starts with one
 * of the prefixes, or when any segment names an executable or a command (`executablePath`,
 * `command`, `nodePath`…), whichever section a plugin puts it in.
 */
export const PROTECTED_KEY_PREFIXES = ['gateway.auth', 'gateway.bind', 'plugins', 'canvasHost.root', 'watch', 'services', 'browser.noSandbox'] as const;

/** Keys only the local user changes from the CLI: the trust relation between instances. */
export const CLI_ONLY_KEY_PREFIXES = ['watch'] as const;

/**
 * A whole segment naming what gets executed or how: `executablePath`, `command`, `execArgv`,
 * `nodePath`, `env`, and arguments (`browser.extraArgs` could name a renderer command prefix)…
 */
const EXECUTABLE_SEGMENT = /^(.*executable.*|.*command|commands|cmd|exec.*|bin|.*binary(path)?|script(path)?|nodepath|.*argv|.*args|env)$/i;

const startsWith = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

export function isProtectedKey(path: string): boolean {
  return PROTECTED_KEY_PREFIXES.some((p) => startsWith(path, p)) || path.split('.').some((seg) => EXECUTABLE_SEGMENT.test(seg));
}

export function isCliOnlyKey(path: string): boolean {
  return CLI_ONLY_KEY_PREFIXES.some((p) => startsWith(path, p));
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Dotted paths of every leaf that differs between two configs (an array is one leaf). */
export function changedKeys(before: unknown, after: unknown, prefix = ''): string[] {
  if (isObj(before) && isObj(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].sort().flatMap((k) => changedKeys(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (isObj(before) || isObj(after)) {
    // An object appeared, vanished or replaced a scalar: every leaf under it changed.
    const leaves = changedKeys(isObj(before) ? before : after, {}, prefix);
    return leaves.length ? leaves : [prefix];
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

/** The protected keys an edit from `before` to `after` would change. */
export function changedProtectedKeys(before: unknown, after: unknown): string[] {
  return changedKeys(before, after).filter(isProtectedKey);
}
