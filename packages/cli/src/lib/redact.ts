/** Keys whose values are secrets wherever they appear in a config (plugin sections included). */
const SECRET_KEY = /(token|secret|password|passwd|api[-_]?key|credential|private[-_]?key)$/i;
export const REDACTED = '<redacted>';

export function isSecretKey(keyPath: string): boolean {
  return keyPath.split('.').some((part) => SECRET_KEY.test(part));
}

/** A copy with every secret value replaced, so `config get` can never print one. */
export function redact(value: unknown, keyPath = ''): unknown {
  if (keyPath !== '' && isSecretKey(keyPath) && value !== undefined) return REDACTED;
  if (Array.isArray(value)) return value.map((v, i) => redact(v, `${keyPath}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redact(v, keyPath ? `${keyPath}.${k}` : k)]),
    );
  }
  return value;
}
