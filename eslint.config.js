import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { defineConfig, globalIgnores } from 'eslint/config';

// Dependencies point one way: core ← gateway ← cli; core ← browser; core (+ gateway client) ← vscode.
// Nothing imports cli or the extension. Tags live in each package.json ("nx": {"tags": [...]}).
const depConstraints = [
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:browser', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:plugin', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:core', 'scope:gateway', 'scope:browser', 'scope:plugin'] },
  { sourceTag: 'scope:vscode', onlyDependOnLibsWithTags: ['scope:core', 'scope:gateway'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:core', 'scope:gateway', 'scope:browser'] },
];

/** Node builtins that do IO: core (outside src/node) may import none of them. */
const CORE_IO_MODULES = ['fs', 'net', 'child_process', 'http', 'https', 'http2', 'os', 'dgram', 'dns', 'tls', 'worker_threads', 'cluster', 'process', 'readline', 'tty', 'inspector', 'vm', 'v8', 'module', 'repl', 'trace_events', 'wasi'];

export default defineConfig(
  globalIgnores([
    '**/dist/**', '**/out/**', '**/node_modules/**', '**/test-results/**', '.nx/**', 'static/**',
    '**/oclif.manifest.json', '**/*.d.ts', '**/golden/**',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints, enforceBuildableLibDependency: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // plugin-metrics' integration tests host the plugin in a real in-process gateway (a devDependency);
  // its src/ still depends on core alone, and the CLI is spawned by path (packages/cli/bin/run.js).
  {
    files: ['packages/plugin-metrics/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', {
        allow: [], enforceBuildableLibDependency: false,
        depConstraints: depConstraints.map((c) => (c.sourceTag === 'scope:plugin' ? { ...c, onlyDependOnLibsWithTags: ['scope:core', 'scope:gateway'] } : c)),
      }],
    },
  },
  // Core is pure: IO modules only under src/node/. Every Node builtin that touches the host (files,
  // sockets, processes, threads, DNS, the OS, the terminal) is refused, bare and `node:`-prefixed;
  // pure computation (crypto hashing, path, url, util) stays allowed. Proven by core's
  // test/workspace/module-boundaries.test.ts.
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...CORE_IO_MODULES.flatMap((m) => [m, `${m}/*`, `node:${m}`, `node:${m}/*`]), './node/*', '../node/*'], message: 'core is pure: put IO in src/node/ and inject it' }] }],
    },
  },
  { files: ['**/test/**/*.ts'], languageOptions: { globals: { ...globals.mocha } }, rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off' } },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
