#!/usr/bin/env node
// Bundles the fast read entry (dist/read-entry.js: status, status --all, ports check) into one file,
// part of `npm run build` after tsc. Loading ~200 modules (core, zod, json5, ws, the CLI's lib) costs
// more at start-up than the commands' own work: resolving and reading each file, its package.json,
// compiling it. One file skips all of that (docs/explanation/performance.md). bin/run.js uses the
// bundle only when it is newer than every tsc build of what it holds (a later plain `tsc -b` makes it
// stale), else dist/read-entry.js itself: the bundle is never the only copy of the code.
import { build } from 'esbuild';

/**
 * zod re-exports all of its ~40 locales (`z.locales`, a third of the bundle); it configures English
 * itself (classic/external.js imports locales/en.js directly) and nothing in the bundle reads
 * `z.locales`, so the bundle gets an empty one. Plugins never see this copy: they import their own zod.
 */
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

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
  plugins: [englishOnly],
  logLevel: 'warning',
});
