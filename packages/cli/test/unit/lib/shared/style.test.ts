import assert from 'node:assert/strict';
import { formatDuration, paint, renderTable, visibleLength } from '../../../../src/lib/shared/style.js';

describe('lib/style', () => {
  it('renders an aligned table: headers upper-case, right-aligned numbers, last column unpadded', () => {
    const text = renderTable(
      [{ header: 'name' }, { header: 'base', align: 'right' }, { header: 'state' }],
      [
        ['main', '18789', 'running'],
        ['rescue-long', '900', 'stopped'],
      ],
    );
    assert.equal(text, ['NAME          BASE  STATE', 'main         18789  running', 'rescue-long    900  stopped'].join('\n'));
  });

  it('escape codes take no width, so coloured cells stay aligned', () => {
    const red = paint('red', 'error', true);
    assert.equal(visibleLength(red), 5);
    const text = renderTable([{ header: 'a' }, { header: 'b' }], [[red, 'x'], ['ok', 'y']]);
    assert.deepEqual(text.split('\n').map((l) => visibleLength(l)), [8, 8, 8]);
  });

  it('no colour unless enabled', () => {
    assert.equal(paint('green', 'ok', false), 'ok');
  });

  const durations: Array<[number, string]> = [
    [0, '0s'],
    [59_999, '59s'],
    [61_000, '1m 1s'],
    [3_725_000, '1h 2m'],
    [90_000_000, '1d 1h'],
    [-5, '0s'],
  ];
  for (const [ms, text] of durations) it(`duration ${ms} ms → ${text}`, () => assert.equal(formatDuration(ms), text));
});
