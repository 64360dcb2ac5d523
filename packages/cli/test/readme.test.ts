import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/gen-reference.mjs', import.meta.url));

describe('generated references (docs/reference)', () => {
  it('CLI, config keys, exit codes and environment match the code (fix: npm run readme -w @clawport/cli)', () => {
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ok: docs\/reference documents \d+ commands, \d+ top-level config keys, \d+ error classes, \d+ environment variables\n$/);
  });
});

describe('README: the Node versions it promises', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const readme = read('README.md');

  it('"Node 20.19 or newer": the engines field of the workspace and of the plugin SDK say >=20.19', () => {
    assert.match(readme, /needs only Node 20\.19 or newer/);
    for (const pkg of ['package.json', 'packages/plugin-sdk/package.json']) {
      assert.equal((JSON.parse(read(pkg)) as { engines: { node: string } }).engines.node, '>=20.19', pkg);
    }
  });

  it('"24 recommended; the `openclaw` engine needs it": upstream\'s requirement (core OPENCLAW_NODE_REQUIREMENT) starts at Node 24', () => {
    assert.match(readme, /\(24 recommended; the `openclaw` engine needs it\)/);
    const requirement = /OPENCLAW_NODE_REQUIREMENT = '([^']+)'/.exec(read('packages/core/src/engines/openclaw.ts'))?.[1];
    assert.match(requirement ?? '', /^>=24\.\d+ /, 'the openclaw engine no longer needs Node 24: change the README');
  });
});

describe('README: the performance figures it quotes', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const read = (path: string) => readFileSync(join(root, path), 'utf8');

  it('are the ratios of one bench run, as docs/explanation/performance.md tables them (Node 20 and 24)', () => {
    const readme = read('README.md').replace(/\s+/g, ' ');
    const perf = read('docs/explanation/performance.md');
    const ratio = (figure: string, node: 'node v20' | 'node 24') => {
      const row = perf.split('\n').find((l) => l.startsWith(`| clawport ${figure} [${node}] |`));
      assert.ok(row, `performance.md has a row for ${figure} [${node}]`);
      return row.split('|')[4].trim();
    };
    const quoted: Array<[string, string]> = [
      ['`status`', '--profile x status'],
      ['`status --all` (50 profiles, 10 live)', 'status --all (50 profiles, 10 running)'],
      ['`ports check` (1,000 profiles)', 'ports check (1,000 profiles)'],
    ];
    for (const [label, figure] of quoted) {
      const expected = `${label} ${ratio(figure, 'node v20')} / ${ratio(figure, 'node 24')}`;
      assert.ok(readme.includes(expected), `README quotes "${expected}"`);
    }
  });
});
