// Per-profile services: names, pure rendering, plans for the managers, drift audit, backend choice.
export * from './backend.js';
export * from './spec.js';
export * from './systemd-syntax.js';
export * from './systemd.js';
export * from './plist.js';
export * from './launchd.js';
export * from './schtasks.js';
export * from './supervisor-record.js';
export * from './render.js';
export * from './manifest.js';
export * from './env-file.js';
export * from './plans.js';
export * from './status.js';
export * from './installed.js';
export * from './audit.js';
export * from './status-join.js';
export * from './detect.js';
