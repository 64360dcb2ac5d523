import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureLine, lastLines, listLogFiles, readFrom } from '../../../src/host/log-files.js';

describe('host/log-files', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'clawport-vscode-logs-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads on from an offset, and from 0 after truncation', async () => {
    const f = join(dir, 'a.log');
    await writeFile(f, 'one\n');
    const first = await readFrom(f, 0);
    assert.deepEqual(first, { text: 'one\n', next: 4 });
    await appendFile(f, 'two\n');
    assert.deepEqual(await readFrom(f, first.next), { text: 'two\n', next: 8 });
    await writeFile(f, 'x\n'); // rotated/truncated
    assert.deepEqual(await readFrom(f, 8), { text: 'x\n', next: 2 });
  });

  it('lists log files newest first and gives the last lines', async () => {
    await mkdir(join(dir, 'logs'));
    await writeFile(join(dir, 'logs', 'old.log'), 'a\n');
    await writeFile(join(dir, 'logs', 'new.log'), 'b\nc\nd\n');
    await writeFile(join(dir, 'logs', 'notes.txt'), 'ignored');
    await utimes(join(dir, 'logs', 'old.log'), 1000, 1000);
    assert.deepEqual((await listLogFiles(dir)).map((f) => f.path.slice(dir.length)), ['/logs/new.log', '/logs/old.log']);
    assert.equal(await lastLines(join(dir, 'logs', 'new.log'), 2), 'c | d');
    assert.equal(await lastLines(join(dir, 'missing.log'), 2), '');
  });

  it('picks the error line of a failed start, else the last line', async () => {
    const f = join(dir, 'console.log');
    await writeFile(f, 'starting\nerror: cannot start gateway x: port 1 (canvas) is in use\n{"level":"info","msg":"gateway stopped"}\n');
    assert.equal(await failureLine(f), 'error: cannot start gateway x: port 1 (canvas) is in use');
    await writeFile(f, 'a\nb\n');
    assert.equal(await failureLine(f), 'b');
  });
});
