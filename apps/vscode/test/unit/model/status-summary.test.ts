import assert from 'node:assert/strict';
import { statusSummary } from '../../../src/model/status-summary.js';
import { snap } from '../fixtures.js';

describe('model/status-summary', () => {
  const cases = [
    { title: 'nothing found', snaps: [], text: '$(vm-running) 0 running / 0 instances', warn: false },
    { title: 'one stopped', snaps: [snap('main', 18789)], text: '$(vm-running) 0 running / 1 instance', warn: false },
    {
      title: 'running and stopped',
      snaps: [snap('main', 18789, { running: true, healthy: true }), snap('rescue', 19001)],
      text: '$(vm-running) 1 running / 2 instances',
      warn: false,
    },
    {
      title: 'conflicts are counted and highlighted',
      snaps: [snap('main', 18789, { conflicts: ['x overlaps y'] }), snap('b', 18809, { conflicts: ['x overlaps y'] })],
      text: '$(vm-running) 0 running / 2 instances $(warning) 2 conflicts',
      warn: true,
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const s = statusSummary(c.snaps);
      assert.equal(s.text, c.text);
      assert.equal(s.warn, c.warn);
    });
  }

  it('the tooltip names each conflict', () => {
    const s = statusSummary([snap('b', 18809, { conflicts: ['b gateway 18809 overlaps main CDP band 18800–18899'] })]);
    assert.match(s.tooltip, /conflict: b gateway 18809 overlaps main CDP band 18800–18899/);
  });
});
