// Builds the extension: CJS bundles (VS Code loads `main` with require; workspace packages such as
// @clawport/core are inlined, so nothing symlinked ships), the test bundles, and the JSON schema for
// openclaw.json generated from core's config schema.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinManifests, configJsonSchema } from '@clawport/core';

const root = dirname(fileURLToPath(import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // ws requires these optional native helpers inside try/catch
  external: ['vscode', 'mocha', '@vscode/test-electron', 'bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
  // core's and the gateway's ESM use import.meta.url/resolve (plugin and supervisor entry resolution);
  // give the CJS bundle working equivalents.
  banner: {
    js: [
      "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;",
      "const __import_meta_resolve = (s) => require('node:url').pathToFileURL(require.resolve(s)).href;",
    ].join('\n'),
  },
  define: { 'import.meta.url': '__import_meta_url', 'import.meta.resolve': '__import_meta_resolve' },
};

rmSync(join(root, 'out'), { recursive: true, force: true });
const testDir = join(root, 'test', 'host');
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'src/extension.ts')], outfile: join(root, 'out/extension.cjs') }),
  build({ ...common, entryPoints: [join(root, 'src/host/tree-from-disk.ts')], outfile: join(root, 'out/bench.cjs') }),
  // The suite for the real extension host: index.js (mocha run()) plus one bundle per test file.
  build({
    ...common,
    entryPoints: [join(testDir, 'index.ts'), ...readdirSync(testDir).filter((f) => f.endsWith('.test.ts')).map((f) => join(testDir, f))],
    outdir: join(root, 'out/test/suite'),
  }),
  build({ ...common, entryPoints: [join(root, 'test/electron-runner.ts')], outfile: join(root, 'out/test/electron-runner.js') }),
]);

mkdirSync(join(root, 'schemas'), { recursive: true });
writeFileSync(join(root, 'schemas/openclaw.schema.json'), `${JSON.stringify(configJsonSchema(builtinManifests), null, 2)}\n`);
