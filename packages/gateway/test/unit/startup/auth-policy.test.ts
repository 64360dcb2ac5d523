import assert from 'node:assert/strict';
import { ConfigError, type OpenClawConfig } from '@clawport/core';
import { checkAuthPolicy } from '../../../src/startup/auth-policy.js';

describe('startup/auth-policy', () => {
  const served: Array<[string, OpenClawConfig, 'loopback' | 'lan' | undefined, { bind: string; host: string; authRequired: boolean }]> = [
    ['no gateway section: loopback with auth', {}, undefined, { bind: 'loopback', host: '127.0.0.1', authRequired: true }],
    ['upstream setup: mode local, token auth, tailscale off', { gateway: { mode: 'local', bind: 'loopback', auth: { mode: 'token' }, tailscale: { mode: 'off' } } }, undefined, { bind: 'loopback', host: '127.0.0.1', authRequired: true }],
    ['lan with a token', { gateway: { bind: 'lan' } }, undefined, { bind: 'lan', host: '0.0.0.0', authRequired: true }],
    ['--bind loopback over upstream’s tailnet', { gateway: { bind: 'tailnet' } }, 'loopback', { bind: 'loopback', host: '127.0.0.1', authRequired: true }],
  ];
  for (const [name, config, flag, expected] of served) it(name, () => assert.deepEqual(checkAuthPolicy(config, flag), expected));

  // The schema accepts upstream's modes so its configs load everywhere; this gateway refuses to serve them.
  const refused: Array<[string, OpenClawConfig, string, ('loopback' | 'lan')?]> = [
    ['bind tailnet', { gateway: { bind: 'tailnet' } }, 'gateway.bind "tailnet" is upstream OpenClaw\'s; the built-in gateway binds loopback or lan (set gateway.bind to "loopback" or "lan", or pass --bind loopback)'],
    ['bind auto', { gateway: { bind: 'auto' } }, 'gateway.bind "auto" is upstream OpenClaw\'s; the built-in gateway binds loopback or lan (set gateway.bind to "loopback" or "lan", or pass --bind loopback)'],
    ['auth password', { gateway: { auth: { mode: 'password' } } }, 'gateway.auth.mode "password" is upstream OpenClaw\'s; the built-in gateway authenticates with a token (set gateway.auth.mode to "token")'],
    ['lan without auth', { gateway: { bind: 'lan', auth: { mode: 'none' } } }, 'gateway.bind "lan" with gateway.auth.mode "none" would serve this gateway beyond loopback without auth (set gateway.auth.mode to "token", or set gateway.bind to "loopback", or pass --bind loopback)'],
    ['--bind lan without auth', { gateway: { auth: { mode: 'none' } } }, '--bind lan with gateway.auth.mode "none" would serve this gateway beyond loopback without auth (set gateway.auth.mode to "token", or set gateway.bind to "loopback", or pass --bind loopback)', 'lan'],
  ];
  for (const [name, config, line, flag] of refused) {
    it(`refuses ${name} in one line`, () => {
      assert.throws(() => checkAuthPolicy(config, flag), (e: unknown) => e instanceof ConfigError && e.toLine() === line);
    });
  }
});
