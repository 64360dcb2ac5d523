import assert from 'node:assert/strict';
import { formatLogChunk, formatLogLine } from '../../../src/model/log-line.js';
import { describeBrowserStatus } from '../../../src/host/browser-status.js';

const at = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
};

describe('model/log-line', () => {
  const ts = '2026-11-29T04:12:09.120Z';
  const cases: Array<[string, string, string]> = [
    ['info with key fields, own instance dropped', JSON.stringify({ ts, level: 'info', msg: 'gateway ready', instance: 'main', url: 'ws://127.0.0.1:18789/', ports: ['gateway 18789', 'canvas 18793'] }), `${at(ts)} INFO   gateway ready  url=ws://127.0.0.1:18789/ ports=[gateway 18789, canvas 18793]`],
    ['error', JSON.stringify({ ts, level: 'error', msg: 'plugin failed', plugin: 'browser', error: 'EADDRINUSE 18791' }), `${at(ts)} ERROR  plugin failed  plugin=browser error="EADDRINUSE 18791"`],
    ['an incident stands out', JSON.stringify({ ts, level: 'warn', msg: 'main not answering', incident: true, target: 'main' }), `${at(ts)} ALERT  ‼ main not answering  target=main`],
    ['another instance is named', JSON.stringify({ ts, level: 'warn', msg: 'x', instance: 'rescue' }), `${at(ts)} WARN   x  instance=rescue`],
    ['not JSON: as it is', 'error: port 18789 is in use', 'error: port 18789 is in use'],
  ];
  for (const [title, raw, want] of cases) it(title, () => assert.equal(formatLogLine(raw, 'main'), want));

  it('a chunk keeps its unfinished last line for the next read', () => {
    const line = JSON.stringify({ ts, level: 'info', msg: 'a' });
    const first = formatLogChunk(`${line}\n${line.slice(0, 10)}`);
    assert.equal(first.text, `${at(ts)} INFO   a\n`);
    assert.equal(formatLogChunk(first.rest + line.slice(10) + '\n').text, `${at(ts)} INFO   a\n`);
  });

  it('browser status reads as a report, not JSON', () => {
    const lines = describeBrowserStatus('main', {
      controlPort: 18791,
      controlListening: true,
      band: '18800–18899',
      browsers: [{ port: 18800, browser: 'Chrome/156.0' }],
      plugin: { running: true, profiles: { default: { cdpPort: 18800 } } },
    });
    assert.deepEqual(lines, [
      'main: browser',
      '  control port  18791 · listening',
      '  CDP band      18800–18899 · 1 browser running',
      '    18800  Chrome/156.0',
      '  plugin reports:',
      '    running: true',
      '    profiles:',
      '      default:',
      '        cdpPort: 18800',
    ]);
  });
});
