import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/gen-reference.mjs', import.meta.url));

describe('generated references (docs/reference)', () => {
  it('CLI, config keys, exit codes and environment match the code (fix: npm run readme -w @clawport/cli)', () => {
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ok: docs\/reference documents \d+ commands, \d+ top-level config keys, \d+ error classes, \d+ environment variables\n$/);
  });
});
