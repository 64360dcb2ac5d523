import { BUILTIN_GATEWAY_AUTH_MODES, BUILTIN_GATEWAY_BINDS, ConfigError, exposedWithoutAuth, type OpenClawConfig } from '@clawport/core';
import { ensureToken } from '@clawport/core/node';

/**
 * Decides bind address and token before anything is touched. A bind beyond loopback without auth is
 * a config error (exit 78, which service managers treat as "do not restart").
 */
export function checkAuthPolicy(config: OpenClawConfig, bindFlag?: 'loopback' | 'lan'): { bind: 'loopback' | 'lan'; host: string; authRequired: boolean } {
  const bind = bindFlag ?? config.gateway?.bind ?? 'loopback';
  // The schema accepts upstream OpenClaw's modes so its configs load; this gateway serves only its own.
  if (!BUILTIN_GATEWAY_BINDS.includes(bind)) {
    throw new ConfigError(
      `gateway.bind "${bind}" is upstream OpenClaw's; the built-in gateway binds loopback or lan`,
      'set gateway.bind to "loopback" or "lan", or pass --bind loopback',
      { keyPath: 'gateway.bind' },
    );
  }
  const mode = config.gateway?.auth?.mode;
  if (mode !== undefined && !BUILTIN_GATEWAY_AUTH_MODES.includes(mode)) {
    throw new ConfigError(
      `gateway.auth.mode "${mode}" is upstream OpenClaw's; the built-in gateway authenticates with a token`,
      'set gateway.auth.mode to "token"',
      { keyPath: 'gateway.auth.mode' },
    );
  }
  const authRequired = config.gateway?.auth?.mode !== 'none';
  if (exposedWithoutAuth(config, bind)) {
    throw new ConfigError(
      'refusing to bind the gateway beyond loopback without auth (gateway.auth.mode is "none")',
      'set gateway.auth.mode to "token", or use --bind loopback',
      { keyPath: 'gateway.auth.mode' },
    );
  }
  return { bind: bind as 'loopback' | 'lan', host: bind === 'lan' ? '0.0.0.0' : '127.0.0.1', authRequired };
}

/** `--token` > gateway.auth.token > the token file (created 0600 on first use). */
export async function resolveToken(stateDir: string, config: OpenClawConfig, flag?: string): Promise<string> {
  if (flag !== undefined && flag.trim() !== '') return flag.trim();
  const fromConfig = config.gateway?.auth?.token;
  if (fromConfig) return fromConfig;
  return ensureToken(stateDir);
}
