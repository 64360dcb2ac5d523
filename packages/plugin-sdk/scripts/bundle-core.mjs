// Makes dist/ publishable: copies core's compiled pure modules (dist/**/*.js + .d.ts, not node/) into
// dist/core/ and points the SDK's entry at them instead of the private @clawport/core. Core stays the
// single source: this runs after core's own build, on its output.
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const coreDist = join(root, '..', 'core', 'dist');
const out = join(root, 'dist');
const target = join(out, 'core');
if (!existsSync(join(coreDist, 'index.js'))) throw new Error(`core is not built (${coreDist}): run npm run build`);

rmSync(target, { recursive: true, force: true });
const stripMaps = (text) => text.replace(/\n\/\/# sourceMappingURL=.*$/m, '');
function copy(dir) {
  for (const name of readdirSync(dir)) {
    const from = join(dir, name);
    const rel = relative(coreDist, from);
    if (statSync(from).isDirectory()) {
      if (rel !== 'node') copy(from); // IO adapters are the host's, never a plugin's
      continue;
    }
    if (!name.endsWith('.js') && !name.endsWith('.d.ts')) continue;
    cpSync(from, join(target, rel));
    writeFileSync(join(target, rel), stripMaps(readFileSync(from, 'utf8')));
  }
}
copy(coreDist);

for (const entry of ['index.js', 'index.d.ts']) {
  const file = join(out, entry);
  const text = readFileSync(file, 'utf8').replaceAll("'@clawport/core'", "'./core/index.js'");
  if (text.includes('@clawport/core')) throw new Error(`${file} still imports @clawport/core`);
  writeFileSync(file, stripMaps(text));
}
