import assert from 'node:assert/strict';
import { consoleSteps, docBlocks, normaliseOutput, parseMarker, scriptLines } from './markdown-blocks.js';

describe('docs/markdown-blocks: what the doc runner reads from a page', () => {
  it('finds sh, bash and console blocks with their line and marker; ignores other languages', () => {
    const md = [
      '# t',
      '```sh',
      'clawport status',
      '```',
      '```json5',
      '{ a: 1 }',
      '```',
      '<!-- doc-test: background; ready: clawport --profile main health -->',
      '```bash',
      'clawport --profile main gateway',
      '```',
      '<!-- doc-test: exit: 1 -->',
      '```console',
      '$ clawport ports check',
      'main gateway 1 overlaps x',
      '',
      '```',
    ].join('\n');
    const blocks = docBlocks(md, 'x.md');
    assert.deepEqual(
      blocks.map((b) => [b.line, b.lang, b.marker]),
      [
        [2, 'sh', {}],
        [9, 'sh', { background: { ready: 'clawport --profile main health' } }],
        [13, 'console', { exit: 1 }],
      ],
    );
    assert.deepEqual(blocks[2].steps, [{ command: 'clawport ports check', expected: ['main gateway 1 overlaps x'] }]);
  });

  it('refuses a marker it does not know, a background without ready, and a marker on a block that is not run', () => {
    assert.throws(() => parseMarker('retry', 'x.md:3'), /x\.md:3: unknown doc-test marker "retry"/);
    assert.throws(() => parseMarker('background', 'x.md:3'), /needs "ready:/);
    assert.throws(() => parseMarker('exit: one', 'x.md:3'), /needs a number/);
    assert.throws(() => docBlocks('<!-- doc-test: exit: 1 -->\n```json\n{}\n```', 'x.md'), /x\.md:2: a doc-test marker stands before a ```json block/);
  });

  it('joins continuation lines and drops comments; console commands may continue too', () => {
    assert.deepEqual(scriptLines('# c\nA=1 \\\n  clawport gateway\n\nclawport up'), ['A=1 \\\n  clawport gateway', 'clawport up']);
    assert.deepEqual(consoleSteps('$ a \\\nb\nout\n$ c'), [
      { command: 'a \nb', expected: ['out'] },
      { command: 'c', expected: [] },
    ]);
  });

  it('compares output as a terminal shows it: trailing spaces and a blank tail do not count', () => {
    assert.deepEqual(normaliseOutput('a  \r\nb\n\n'), ['a', 'b']);
  });
});
