import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { sleep } from '../../../src/watch/watcher.js';

describe("the watcher's sleep between rounds", () => {
  it('leaves no abort listener behind on the long-lived signal (a leak warning after 11 rounds before)', async () => {
    const ac = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(1, ac.signal);
    assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
  });
  it('an abort ends it at once (a 60 s sleep would outlive the test timeout)', async () => {
    const ac = new AbortController();
    const done = sleep(60_000, ac.signal);
    ac.abort();
    await done;
  });
});
