// Node side of per-profile services: run plans, write/remove service files, observe the host.
export * from './runner.js';
export * from './facts.js';
export * from './files.js';
export * from './install.js';
export * from './operate.js';
export * from './audit-installed.js';
export * from './upstream-file.js';
