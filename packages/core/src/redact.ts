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

/**
 * `scheme://user:password@host…`, anywhere in a text: the authority runs to the first `/`, `?`, `#` or
 * space, and its user info to the LAST `@` inside it (as the WHATWG URL parser reads it, so
 * `u:p@ss@host` hides all of `p@ss`).
 */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*)@/gi;

/** The password in user info `user:password` (undefined without one). */
function passwordOf(info: string): string | undefined {
  const colon = info.indexOf(':');
  return colon >= 0 && colon < info.length - 1 ? info.slice(colon + 1) : undefined;
}

/** The passwords of the URLs inside a text (`http://u:pw@host` → `pw`). */
export function urlPasswordsIn(text: string): string[] {
  return [...text.matchAll(URL_USERINFO)].flatMap((m) => passwordOf(m[2]) ?? []);
}

/**
 * A text with the password of every URL in it replaced by REDACTED (`http://u:<redacted>@host:9222`);
 * nothing else changes. A password inside a URL is a secret whatever the key is called
 * (`browser.cdpUrl`, an upstream channel's webhook) and wherever it is quoted (an error message), so
 * every printer and logger shows URLs through this.
 */
export function redactUrlPassword(text: string): string {
  return text.replace(URL_USERINFO, (all, scheme: string, info: string) =>
    passwordOf(info) === undefined ? all : `${scheme}${info.slice(0, info.indexOf(':'))}:${REDACTED}@`,
  );
}

/** A dotted key path (`plugins.entries.x.authorization`) or a list of keys: secret when any part is. */
export function isSecretKey(path: string | readonly string[], extra?: SecretHint): boolean {
  const parts = typeof path === 'string' ? path.split('.') : path;
  return parts.some(isSecretKeyName) || (extra?.(parts) ?? false);
}

/**
 * A deep copy with every value under a secret key replaced by REDACTED, and the password of every URL
 * (anywhere) too. `at` is where `value` sits in
 * the config (a dotted path or keys), so a secret asked for directly (`config get gateway.auth.token`)
 * is redacted too. Cycles and absurd depth end in REDACTED rather than a stack overflow.
 */
export function redactSecrets(value: unknown, at: string | readonly string[] = [], extra?: SecretHint): unknown {
  const start = typeof at === 'string' ? (at === '' ? [] : at.split('.')) : [...at];
  const walk = (v: unknown, path: string[], depth: number): unknown => {
    if (path.length > 0 && v !== undefined && isSecretKey(path, extra)) return REDACTED;
    if (depth > 64) return REDACTED;
    if (typeof v === 'string') return redactUrlPassword(v);
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

/**
 * A value a client sends back after reading it redacted: every string that is exactly the redacted form
 * of the stored string at the same place keeps the stored one, so echoing `config.get` never replaces a
 * URL's password with the placeholder.
 */
export function restoreEchoedUrlPasswords(incoming: unknown, stored: unknown): unknown {
  if (typeof incoming === 'string') {
    return typeof stored === 'string' && incoming !== stored && redactUrlPassword(stored) === incoming ? stored : incoming;
  }
  if (Array.isArray(incoming)) return incoming.map((item, i) => restoreEchoedUrlPasswords(item, Array.isArray(stored) ? stored[i] : undefined));
  if (incoming !== null && typeof incoming === 'object') {
    const from = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(incoming as Record<string, unknown>)) {
      Object.defineProperty(out, k, { value: restoreEchoedUrlPasswords(v, Object.hasOwn(from, k) ? from[k] : undefined), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return incoming;
}

/** The passwords of every URL anywhere in a value (for a logger's scrub list). */
export function urlPasswords(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      for (const pw of urlPasswordsIn(v)) {
        out.add(pw);
        try {
          out.add(decodeURIComponent(pw));
        } catch {
          // Not percent-encoded validly: the literal form is what a line would carry.
        }
      }
    } else if (Array.isArray(v)) v.forEach((item) => walk(item, depth + 1));
    else if (v !== null && typeof v === 'object') Object.values(v).forEach((item) => walk(item, depth + 1));
  };
  walk(value, 0);
  return [...out];
}
