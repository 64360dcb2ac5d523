import {
  AllocationError,
  ClawportError,
  ConfigError,
  PortConflictError,
  UsageError,
} from '@clawport/core';
import { BrowserError, BrowserNotRunningError, ConflictError, NotFoundError } from '../errors.js';
import type { BrowserManager } from '../manager.js';

export interface RouteRequest {
  method: string;
  /** Path without query. */
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

type Handler = (m: BrowserManager, req: RouteRequest, params: string[]) => unknown;

/** Browser profile of a request: `profile` in the body or the query; none = the default profile. */
const profileOf = (req: RouteRequest): unknown => req.body.profile ?? req.query.get('profile') ?? undefined;

const ROUTES: Array<{ pattern: RegExp; methods: Partial<Record<string, Handler>> }> = [
  { pattern: /^\/(?:status)?$/, methods: { GET: (m, r) => m.status(profileOf(r)) } },
  { pattern: /^\/profiles$/, methods: { GET: (m) => ({ profiles: m.listProfiles() }) } },
  { pattern: /^\/profiles\/create$/, methods: { POST: (m, r) => m.createProfile(r.body) } },
  { pattern: /^\/profiles\/([^/]+)$/, methods: { DELETE: (m, _r, [name]) => m.deleteProfile(name) } },
  { pattern: /^\/start$/, methods: { POST: (m, r) => m.start(profileOf(r)) } },
  { pattern: /^\/stop$/, methods: { POST: (m, r) => m.stop(profileOf(r)) } },
  { pattern: /^\/tabs$/, methods: { GET: (m, r) => m.tabs(profileOf(r)) } },
  { pattern: /^\/tabs\/open$/, methods: { POST: (m, r) => m.openTab(profileOf(r), r.body.url) } },
  { pattern: /^\/tabs\/([^/]+)$/, methods: { DELETE: (m, r, [id]) => m.closeTab(profileOf(r), id) } },
  { pattern: /^\/navigate$/, methods: { POST: (m, r) => m.navigate(profileOf(r), r.body.targetId, r.body.url) } },
  {
    pattern: /^\/screenshot$/,
    methods: { POST: (m, r) => m.screenshot(profileOf(r), r.body.targetId, r.body.fullPage) },
  },
];

/** A known path asked with a method it does not have. */
export class MethodNotAllowedError extends UsageError {
  override readonly code: string = 'METHOD_NOT_ALLOWED';
}

/** Runs one route. Errors are the typed ones; the HTTP server maps them with httpStatusOf. */
export async function dispatch(manager: BrowserManager, req: RouteRequest): Promise<unknown> {
  await Promise.resolve(); // a sync throw below becomes a rejection, like every route's
  for (const route of ROUTES) {
    const m = route.pattern.exec(req.path);
    if (!m) continue;
    const handler = route.methods[req.method.toUpperCase()];
    if (!handler) {
      throw new MethodNotAllowedError(`${req.method} ${req.path} is not allowed`, `use ${Object.keys(route.methods).join(' or ')}`);
    }
    return handler(manager, req, m.slice(1).map(decodeURIComponent));
  }
  throw new NotFoundError(`no route ${req.method} ${req.path}`, 'routes: / /profiles /start /stop /tabs /navigate /screenshot');
}

export function httpStatusOf(err: unknown): number {
  if (err instanceof MethodNotAllowedError) return 405;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof UsageError) return 400;
  if (
    err instanceof ConflictError ||
    err instanceof PortConflictError ||
    err instanceof AllocationError ||
    err instanceof BrowserNotRunningError
  ) {
    return 409;
  }
  if (err instanceof BrowserError) return 502;
  if (err instanceof ConfigError) return 500;
  return 500;
}

/** The JSON error body: code, one line, what to do. Unknown errors keep their message, never a stack. */
export function errorBody(err: unknown): { error: { code: string; message: string; suggestion?: string } } {
  if (err instanceof ClawportError) {
    return { error: { code: err.code, message: err.message, ...(err.suggestion ? { suggestion: err.suggestion } : {}) } };
  }
  return { error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
}
