import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocSession } from './doc-session.js';
import { docBlocks, normaliseOutput, type DocBlock } from './markdown-blocks.js';

// Every runnable example of the docs, as written: each page in its own temp home and network namespace,
// its blocks in order (a page is a session: later blocks build on earlier ones). How to mark a block:
// markdown-blocks.ts. A page with no ```sh or ```console block has nothing to run.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function pages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) out.push(path);
    }
  };
  if (existsSync(join(ROOT, 'docs'))) walk(join(ROOT, 'docs'));
  return out;
}

function title(block: DocBlock): string {
  const first = block.lang === 'console' ? block.steps.map((s) => s.command).join('; ') : block.code.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '';
  return `line ${block.line}: ${first.length > 90 ? `${first.slice(0, 89)}…` : first}`;
}

for (const page of pages()) {
  const name = relative(ROOT, page);
  const blocks = docBlocks(readFileSync(page, 'utf8'), name).filter((b) => !b.marker.notRun);
  if (blocks.length === 0) continue;

  describe(`docs example: ${name}`, function () {
    this.timeout(300_000);
    let session: DocSession;
    before(async () => {
      session = await DocSession.open();
    });
    after(async () => {
      await session?.close();
    });

    for (const block of blocks) {
      it(title(block), async () => {
        if (block.marker.background) {
          await session.startBackground(block.code, block.marker.background.ready);
          return;
        }
        const wantExit = block.marker.exit ?? 0;
        if (block.lang === 'sh') {
          const r = await session.run(block.code);
          assert.equal(r.code, wantExit, `${name}:${block.line} exited ${r.code}, expected ${wantExit}\n--- output ---\n${r.output}\n--- background ---\n${session.backgroundOutput()}`);
          return;
        }
        for (const step of block.steps) {
          const r = await session.run(step.command);
          assert.equal(r.code, wantExit, `${name}:${block.line} "$ ${step.command}" exited ${r.code}, expected ${wantExit}\n${r.output}`);
          if (!block.marker.outputVaries) {
            assert.deepEqual(normaliseOutput(r.output), normaliseOutput(step.expected.join('\n')), `${name}:${block.line} "$ ${step.command}" printed something else than the page shows`);
          }
        }
      });
    }
  });
}
