#!/usr/bin/env node
// Bundles the fast read entry (dist/read-entry.js: status, status --all, ports check) into one file,
// part of `npm run build` after tsc. Loading ~200 modules (core, zod, json5, ws, the CLI's lib) costs
// more at start-up than the commands' own work: resolving and reading each file, its package.json,
// compiling it. One file skips all of that (docs/explanation/performance.md). bin/run.js uses the
// bundle only when it is newer than every tsc build of what it holds (a later plain `tsc -b` makes it
// stale), else dist/read-entry.js itself: the bundle is never the only copy of the code.
// Core's config schema is written with zod/mini's functions (core src/config/schema.ts), so the bundle
// holds only the validators it uses and zod's English messages, not zod's classic API and its ~40 locales
// (test/read-entry.test.ts checks that).
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
await build({
  entryPoints: [new URL('dist/read-entry.js', root).pathname],
  outfile: new URL('dist/read-entry.bundle.cjs', root).pathname,
  bundle: true,
  platform: 'node',
  // CommonJS: bin/run.js require()s it, and Node loads its built-in modules (http, net…) by require too;
  // an ESM import of node:http makes Node 24 build its ESM facade, which loads undici (~40 ms).
  format: 'cjs',
  target: 'node20',
  // Error classes are told apart by name across copies of core (core errors.ts CLASS_BRAND): keep them.
  keepNames: true,
  // ws loads these optional native add-ons in a try: absent, it uses its JS code.
  external: ['bufferutil', 'utf-8-validate'],
  // Core resolves plugin packages from its own location (import.meta.url): the bundle's, here.
  define: { 'import.meta.url': '__clawportImportMetaUrl' },
  banner: { js: "const __clawportImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
