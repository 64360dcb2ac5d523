// The built-in supervisor: runs a profile's gateway where no service manager does (containers, CI).
export * from './backoff.js';
export * from './files.js';
export * from './control.js';
export * from './install.js';
export { runSupervisor, killGroup } from './run.js';
export * from './service.js';
export * from './restart-hook.js';
