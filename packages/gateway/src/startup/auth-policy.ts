import { ConfigError, type OpenClawConfig } from '@clawport/core';
import { ensureToken } from '@clawport/core/node';

/**
 * Decides bind address and token before anything is touched. A bind beyond loopback without auth is
 * a config error (exit 78, which service managers treat as "do not restart").
 */
export function checkAuthPolicy(config: OpenClawConfig, bindFlag?: 'loopback' | 'lan'): { bind: 'loopback' | 'lan'; host: string; authRequired: boolean } {
  const bind = bindFlag ?? config.gateway?.bind ?? 'loopback';
  const authRequired = config.gateway?.auth?.mode !== 'none';
  if (bind !== 'loopback' && !authRequired) {
    throw new ConfigError(
      'refusing to bind the gateway beyond loopback without auth (gateway.auth.mode is "none")',
      'set gateway.auth.mode to "token", or use --bind loopback',
      { keyPath: 'gateway.auth.mode' },
    );
  }
  return { bind, host: bind === 'lan' ? '0.0.0.0' : '127.0.0.1', authRequired };
}

/** `--token` > gateway.auth.token > the token file (created 0600 on first use). */
export async function resolveToken(stateDir: string, config: OpenClawConfig, flag?: string): Promise<string> {
  if (flag !== undefined && flag.trim() !== '') return flag.trim();
  const fromConfig = config.gateway?.auth?.token;
  if (fromConfig) return fromConfig;
  return ensureToken(stateDir);
}
