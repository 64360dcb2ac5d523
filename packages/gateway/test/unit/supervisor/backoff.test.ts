import assert from 'node:assert/strict';
import { DEFAULT_BACKOFF } from '@clawport/core';
import { backoffDelay } from '../../../src/supervisor/backoff.js';

describe('supervisor/backoff', () => {
  const table: Array<[number, number]> = [
    [1, 250],
    [2, 500],
    [3, 1000],
    [5, 4000],
    [8, 30_000],
    [50, 30_000],
  ];
  for (const [attempt, ms] of table) {
    it(`attempt ${attempt} waits ${ms} ms`, () => assert.equal(backoffDelay(DEFAULT_BACKOFF, attempt), ms));
  }
});
