/**
 * The one redaction rule. Every printer and logger (CLI `config get/set`, the gateway's log lines,
 * `config.get`/`config.patch` answers, error frames) asks it, so a key is secret in one place or in
 * none. A key name is secret when it contains one of SECRET_WORDS anywhere, in any case
 * (`botToken`, `x-Authorization-header`, `SESSION_COOKIE`); everything under a secret key is hidden,
 * whatever it holds. Callers that know more (a plugin schema marking a field secret) pass `extra`.
 */
const SECRET_KEY = /token|secret|passw(?:or)?d|passphrase|api[-_]?key|authori[sz]ation|cookie|credential|private[-_]?key|bearer/i;

export const REDACTED = '<redacted>';

/** An extra rule on top of the built-in one: given the path of keys down to a value, is it secret? */
export type SecretHint = (path: readonly string[]) => boolean;

/** One key name (not a dotted path). */
export function isSecretKeyName(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A dotted key path (`plugins.entries.x.authorization`) or a list of keys: secret when any part is. */
export function isSecretKey(path: string | readonly string[], extra?: SecretHint): boolean {
  const parts = typeof path === 'string' ? path.split('.') : path;
  return parts.some(isSecretKeyName) || (extra?.(parts) ?? false);
}

/**
 * A deep copy with every value under a secret key replaced by REDACTED. `at` is where `value` sits in
 * the config (a dotted path or keys), so a secret asked for directly (`config get gateway.auth.token`)
 * is redacted too. Cycles and absurd depth end in REDACTED rather than a stack overflow.
 */
export function redactSecrets(value: unknown, at: string | readonly string[] = [], extra?: SecretHint): unknown {
  const start = typeof at === 'string' ? (at === '' ? [] : at.split('.')) : [...at];
  const walk = (v: unknown, path: string[], depth: number): unknown => {
    if (path.length > 0 && v !== undefined && isSecretKey(path, extra)) return REDACTED;
    if (depth > 64) return REDACTED;
    if (Array.isArray(v)) return v.map((item) => walk(item, path, depth + 1));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
        Object.defineProperty(out, k, { value: walk(inner, [...path, k], depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return walk(value, start, 0);
}

/** Replaces every literal occurrence of each secret (at least 8 chars, so short words stay readable). */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8 && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}
