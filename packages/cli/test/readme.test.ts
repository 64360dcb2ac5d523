import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/gen-readme-commands.mjs', import.meta.url));

describe('README command reference', () => {
  it('is generated from the current oclif metadata (fix: npm run readme -w @clawport/cli)', () => {
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ok: README\.md documents \d+ commands\n$/);
  });
});
