#!/usr/bin/env node
// Bundles the fast read entry (dist/read-entry.js: status, status --all, ports check) into one file,
// part of `npm run build` after tsc. Loading ~200 modules (core, zod, json5, ws, the CLI's lib) costs
// more at start-up than the commands' own work: resolving and reading each file, its package.json,
// compiling it. One file skips all of that (docs/explanation/performance.md). bin/run.js uses the
// bundle only when it is newer than every tsc build of what it holds (a later plain `tsc -b` makes it
// stale), else dist/read-entry.js itself: the bundle is never the only copy of the code.
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
await build({
  entryPoints: [new URL('dist/read-entry.js', root).pathname],
  outfile: new URL('dist/read-entry.bundle.js', root).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Error classes are told apart by name across copies of core (core errors.ts CLASS_BRAND): keep them.
  keepNames: true,
  // ws loads these optional native add-ons in a try: absent, it uses its JS code.
  external: ['bufferutil', 'utf-8-validate'],
  // CommonJS dependencies (json5, ws) call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __clawportRequire } from 'node:module'; const require = __clawportRequire(import.meta.url);" },
  logLevel: 'warning',
});
