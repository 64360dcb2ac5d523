/** Keys whose values never reach a log line or an RPC answer, whatever they hold. */
const SECRET_KEY = /token|secret|password|passwd|api[-_]?key|authorization|cookie|credential/i;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A deep copy with secret-named keys replaced. Used for `config.get` and log fields; the serialized
 * line is also scrubbed of the literal token (see scrubText), so a secret under an innocent key is
 * caught too.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isSecretKey(k) && v !== undefined && v !== null && typeof v !== 'object' ? REDACTED : redactValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Replaces every literal occurrence of each secret (at least 8 chars, so short words stay readable). */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8 && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}
