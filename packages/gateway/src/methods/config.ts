import { createHash } from 'node:crypto';
import { changedKeys, changedProtectedKeys, isCliOnlyKey } from '@clawport/core';
import { checkConfigEdit, lastGoodPath, readConfigFile, rollbackConfig, updateConfig } from '@clawport/core/node';
import { REDACTED, isSecretKey, redactSecrets, restoreEchoedUrlPasswords, schemaSecretHint, type SecretHint } from '@clawport/core';
import { ErrorCodes } from '../protocol/types.js';
import type { GatewayContext } from './context.js';
import { optionalString, paramsObject, RpcError } from './params.js';
import type { MethodRegistry } from './registry.js';
import { findTarget, type Target } from './targets.js';
import { stat } from 'node:fs/promises';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * RFC 7396 JSON merge patch: objects merge, null deletes, anything else replaces. A secret sent back
 * as the redacted placeholder (a client echoing config.get) keeps the stored value: a secret by name or
 * by the schema's marker (`hint`). A URL sent back with its password redacted keeps the stored URL.
 */
export function mergePatch(target: unknown, patch: unknown, hint?: SecretHint, at: readonly string[] = []): unknown {
  if (!isObj(patch)) return restoreEchoedUrlPasswords(patch, target);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    // `__proto__` (a JSON key like any other once parsed) would set the result's prototype: its keys
    // then read as config yet slip past the own-key checks (protected keys, schema). Never a config key.
    if (UNSAFE_KEYS.has(k)) throw new RpcError(ErrorCodes.INVALID_PARAMS, `config.patch: ${[...at, k].join('.')}: "${k}" is not a config key; nothing was written`);
    if (v === null) delete out[k];
    else if (v === REDACTED && isSecretKey([...at, k], hint)) continue;
    else Object.defineProperty(out, k, { value: mergePatch(out[k], v, hint, [...at, k]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The authority rule for a config edit over RPC, checked before anything is written: keys that decide
 * who connects or what code runs never change over RPC at all, not even on the connection's own
 * instance: a token must never become code or another instance (a gateway's own `canvasHost.root`
 * pointed at main's credentials, or its own `plugins.load`, which host-wide CLI reads import, would
 * be exactly that). They change only from the CLI, by the user who owns the files. The trust
 * relation (`watch.*`) is one of them. Ordinary keys need operator.admin.
 */
export function checkEditAuthority(method: string, target: Target, before: unknown, after: unknown): void {
  const changed = changedProtectedKeys(before, after);
  const cliOnly = changed.filter(isCliOnlyKey);
  if (cliOnly.length > 0) {
    throw new RpcError(
      ErrorCodes.FORBIDDEN,
      `${method}: ${cliOnly.join(', ')} is the trust relation between instances and is never changed over RPC; set it locally: clawport --profile ${target.profile} config set ${cliOnly[0]} …`,
    );
  }
  if (changed.length > 0) {
    const where = target.self ? 'over RPC' : 'from another instance';
    throw new RpcError(
      ErrorCodes.FORBIDDEN,
      `${method}: ${changed.join(', ')} decide${changed.length === 1 ? 's' : ''} who connects or what code runs and are never changed ${where}; nothing was written. Change ${changed.length === 1 ? 'it' : 'them'} from the CLI: clawport --profile ${target.profile} config set …`,
    );
  }
}

/**
 * The guard of a restore (`instances.config.rollback`, the watcher's rollback): the kept config is
 * judged as any edit is. Protected keys stay as they are now (when the current config parses), and core
 * checkConfigEdit runs on the restored config: another instance may have moved into its ports since it
 * was kept, and a restore must refuse (one line, nothing written) rather than write a conflict.
 */
export function restoreGuard(ctx: GatewayContext, target: Target, method: string) {
  return async (current: unknown, restored: unknown): Promise<void> => {
    if (current !== undefined) checkEditAuthority(method, target, current, restored);
    await checkConfigEdit({
      paths: target,
      next: restored,
      current,
      where: method,
      env: { OPENCLAW_HOME: ctx.instance.home },
      osHome: ctx.instance.home,
      schema: ctx.schema,
      plugins: target.self ? ctx.plugins : undefined,
    });
  };
}

/** Sections only read at start: changing them needs a gateway restart to take effect. */
const RESTART_SECTIONS = ['gateway', 'browser', 'canvasHost', 'plugins', 'logging'];

export function registerConfigMethods(methods: MethodRegistry, ctx: GatewayContext): void {
  // Secrets by name, and the fields the schema (a plugin's section) marks secret.
  const hint = schemaSecretHint(ctx.schema);
  methods.register('config.get', async (params) => {
    const p = paramsObject(params, 'config.get');
    const target = await findTarget(ctx, optionalString(p, 'instance', 'config.get'), 'config.get');
    const loaded = await readConfigFile(target.configPath, ctx.schema);
    const hasLastGood = await stat(lastGoodPath(target.configPath)).then(() => true, () => false);
    return {
      instance: target.name,
      path: target.configPath,
      exists: loaded.exists,
      hash: loaded.text === undefined ? null : createHash('sha256').update(loaded.text).digest('hex'),
      config: redactSecrets(loaded.raw, [], hint),
      lastGood: hasLastGood,
    };
  }, 'core', 'operator.read', ['instance']);

  methods.register('config.patch', async (params) => {
    const p = paramsObject(params, 'config.patch');
    if (!isObj(p.patch)) throw new RpcError(ErrorCodes.INVALID_PARAMS, 'config.patch: patch must be an object (JSON merge patch; null deletes a key)');
    const target = await findTarget(ctx, optionalString(p, 'instance', 'config.patch'), 'config.patch');
    let warnings: string[] = [];
    const config = await updateConfig(
      target.configPath,
      async (raw) => {
        const next = mergePatch(raw, p.patch, hint) as Obj;
        checkEditAuthority('config.patch', target, raw, next);
        // The same check as `config set` (schema, bind/auth, ranges, footprint host-wide); a refusal writes nothing.
        // Another instance's plugins are never loaded here (its code must not run in this gateway): its
        // footprint is judged by what core declares, plus the claims its running gateway published.
        const verdict = await checkConfigEdit({
          paths: target,
          next,
          current: raw,
          where: `config.patch ${changedKeys(raw, next).join(', ') || '(no change)'}`,
          env: { OPENCLAW_HOME: ctx.instance.home },
          osHome: ctx.instance.home,
          schema: ctx.schema,
          plugins: target.self ? ctx.plugins : undefined,
        });
        warnings = verdict.warnings;
        return next;
      },
      ctx.schema,
    );
    const restartRequired = Object.keys(p.patch).some((k) => RESTART_SECTIONS.includes(k));
    ctx.log.info('config patched', { instance: target.name, keys: Object.keys(p.patch), restartRequired });
    ctx.emit('config.changed', { instance: target.name, path: target.configPath });
    return { instance: target.name, path: target.configPath, config: redactSecrets(config, [], hint), restartRequired, ...(warnings.length > 0 && { warnings }) };
  }, 'core', 'operator.admin', ['patch', 'instance']);

  methods.register('instances.config.rollback', async (params) => {
    const p = paramsObject(params, 'instances.config.rollback');
    const target = await findTarget(ctx, optionalString(p, 'name', 'instances.config.rollback'), 'instances.config.rollback');
    // A config that no longer parses is the rescue case: the last good one is restored whole. One that
    // parses may only be rolled back where that keeps every protected key as it is now.
    const { config } = await rollbackConfig(target.configPath, ctx.schema, restoreGuard(ctx, target, 'instances.config.rollback'));
    ctx.log.warn('config rolled back', { instance: target.name, path: target.configPath });
    ctx.emit('config.changed', { instance: target.name, path: target.configPath, rolledBack: true });
    return { instance: target.name, path: target.configPath, config: redactSecrets(config, [], hint), restartRequired: true };
  }, 'core', 'operator.admin', ['name']);
}
