import type { GatewayContext } from './context.js';
import type { MethodRegistry } from './registry.js';
import { registerConfigMethods } from './config.js';
import { registerInstanceMethods } from './instances.js';
import { registerLogMethods } from './logs.js';
import { registerSystemMethods } from './system.js';

/** Every built-in method; plugins add theirs through ServiceContext.gateway.registerMethod. */
export function registerBuiltinMethods(methods: MethodRegistry, ctx: GatewayContext): void {
  registerSystemMethods(methods, ctx);
  registerConfigMethods(methods, ctx);
  registerLogMethods(methods, ctx);
  registerInstanceMethods(methods, ctx);
}
