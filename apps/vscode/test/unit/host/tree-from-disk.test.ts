import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConfig } from '@clawport/core/node';
import { buildTreeFromDisk } from '../../../src/host/tree-from-disk.js';

/** The benchmark hook's path on 50 instances: correctness only (tools/bench times it). */
describe('host/tree-from-disk (benchmark hook)', () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'clawport-vscode-tree-'));
    for (let i = 0; i < 50; i++) {
      await writeConfig(join(home, `.openclaw-p${String(i).padStart(2, '0')}`, 'openclaw.json'), { gateway: { port: 20000 + i * 120 } });
    }
  });
  after(() => rm(home, { recursive: true, force: true }));

  it('builds 50 roots with their footprints as children', async () => {
    const { roots, children } = await buildTreeFromDisk({ env: { OPENCLAW_HOME: home }, osHome: '/nonexistent', probeHealth: false });
    assert.equal(roots.length, 50);
    assert.equal(roots[0].label, 'p00');
    assert.equal(roots[49].description, `:${20000 + 49 * 120} · stopped`);
    assert.equal(children.length, 50);
    for (const kids of children) assert.equal(kids.filter((k) => k.kind === 'port').length, 4);
  });
});
