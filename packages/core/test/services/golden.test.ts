import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKENDS } from '../../src/services/backend.js';
import { renderServiceFiles } from '../../src/services/render.js';
import { serviceSpec } from '../../src/services/spec.js';
import { COMMAND, instanceFor, PROFILES } from './fixtures.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
/** UPDATE_GOLDEN=1 npx mocha test/services/golden.test.ts rewrites them; review the diff before committing. */
const update = process.env.UPDATE_GOLDEN === '1';

describe('services/render golden files', () => {
  for (const { label, profile, port } of PROFILES) {
    const spec = serviceSpec(instanceFor(profile, port), COMMAND);
    for (const backend of BACKENDS) {
      for (const file of renderServiceFiles(backend, spec)) {
        if (file.createOnly) continue; // the env file is a fixed header, tested elsewhere
        const golden = join(GOLDEN, label, backend, basename(file.path));
        it(`${label} / ${backend}: ${basename(file.path)} matches golden/${label}/${backend}/${basename(file.path)}`, () => {
          if (update) {
            mkdirSync(dirname(golden), { recursive: true });
            writeFileSync(golden, file.content);
          }
          assert.ok(existsSync(golden), `golden file ${golden} is missing; run with UPDATE_GOLDEN=1 and review it`);
          assert.equal(file.content, readFileSync(golden, 'utf8'));
        });
      }
    }
  }
});
