import type { ClawportPlugin, ConfigSchema, GatewayStats, ResolvedInstance, RuntimeInfo } from '@clawport/core';
import type { GatewayLogger } from '../log/logger.js';
import type { Readiness } from '../server/http.js';

/** What the built-in methods see of the running gateway. */
export interface GatewayContext {
  instance: ResolvedInstance;
  version: string;
  token: string | undefined;
  log: GatewayLogger;
  plugins: readonly ClawportPlugin[];
  /** Config schema with every plugin's section merged in: what config.patch validates against. */
  schema: ConfigSchema;
  runtime(): RuntimeInfo;
  readiness(): Readiness;
  stats(): GatewayStats;
  services(): Record<string, unknown>;
  warnings(): string[];
  emit(event: string, payload: unknown): void;
  hooks: { restartInstance?(name: string): Promise<unknown> };
}
