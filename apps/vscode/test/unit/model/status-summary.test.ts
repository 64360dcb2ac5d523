import assert from 'node:assert/strict';
import { statusSummary } from '../../../src/model/status-summary.js';
import { overlap, snap } from '../fixtures.js';

describe('model/status-summary', () => {
  const cases = [
    { title: 'nothing found', snaps: [], text: '$(vm-running) 0 running / 0 instances', warn: false, problems: 0 },
    { title: 'one stopped', snaps: [snap('main', 18789)], text: '$(vm-running) 0 running / 1 instance', warn: false, problems: 0 },
    {
      title: 'running and stopped',
      snaps: [snap('main', 18789, { running: true, healthy: true }), snap('rescue', 19001)],
      text: '$(vm-running) 1 running / 2 instances',
      warn: false,
      problems: 0,
    },
    {
      title: 'one overlap is one conflict, though both instances list it',
      snaps: [snap('main', 18789, { conflicts: [overlap('main', 'b')] }), snap('b', 18809, { conflicts: [overlap('b', 'main', 'b')] })],
      text: '$(vm-running) 0 running / 2 instances $(warning) 1 conflict',
      warn: true,
      problems: 1,
    },
    {
      title: 'config errors are counted apart',
      snaps: [snap('main', 29000, { configError: { cause: 'not valid JSON5', line: 3 } })],
      text: '$(vm-running) 0 running / 1 instance $(error) 1 config error',
      warn: true,
      problems: 1,
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const s = statusSummary(c.snaps);
      assert.equal(s.text, c.text);
      assert.equal(s.warn, c.warn);
      assert.equal(s.problems, c.problems);
    });
  }

  it('the tooltip names each conflict with both sides', () => {
    const s = statusSummary([snap('main', 18789, { conflicts: [overlap('main', 'b')] })]);
    assert.match(s.tooltip, /conflict: main CDP band 18800–18899 overlaps b gateway, browser control, canvas and CDP band 18809–18919/);
  });
});
