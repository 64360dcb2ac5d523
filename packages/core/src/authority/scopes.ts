/**
 * Operator scopes of a control-plane connection (upstream's names). They nest: admin can do what
 * write can, write what read can. A token carries a set; a connection is granted at most that set.
 */
export const SCOPES = ['operator.read', 'operator.write', 'operator.admin'] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (s: unknown): s is Scope => typeof s === 'string' && (SCOPES as readonly string[]).includes(s);

const rank = (s: Scope) => SCOPES.indexOf(s);

/** True when the granted scopes cover `required` (a higher scope covers every lower one). */
export function hasScope(granted: readonly Scope[], required: Scope): boolean {
  return granted.some((g) => rank(g) >= rank(required));
}

/**
 * What a connection gets: the token's scopes, narrowed to what the client asked for when it asked
 * (upstream clients send `scopes`), expanded downwards so `hello` lists every scope that applies.
 */
export function grantScopes(tokenScopes: readonly Scope[], requested?: readonly unknown[]): Scope[] {
  const wanted = requested === undefined ? undefined : requested.filter(isScope);
  return SCOPES.filter((s) => hasScope(tokenScopes, s) && (wanted === undefined || hasScope(wanted, s)));
}
