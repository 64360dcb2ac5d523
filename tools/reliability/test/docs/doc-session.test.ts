import assert from 'node:assert/strict';
import { DocSession } from './doc-session.js';

describe('docs/doc-session: a page runs like one terminal in its own namespace', function () {
  this.timeout(60_000);
  let session: DocSession;
  before(async () => {
    session = await DocSession.open();
  });
  after(async () => {
    await session?.close();
  });

  it('keeps exported variables and the working directory from one block to the next', async () => {
    assert.equal((await session.run('export TOUR="$HOME/t" && mkdir -p "$TOUR" && cd "$TOUR"')).code, 0);
    const r = await session.run('echo "$TOUR|$PWD"');
    assert.equal(r.output.trim(), `${session.home}/t|${session.home}/t`);
  });

  it('has its own loopback: a port bound by the page is invisible to the host namespace', async () => {
    const r = await session.run('cat /proc/net/tcp /proc/net/tcp6 | wc -l; ip -o addr show | grep -c inet');
    const [tcpLines, addrs] = r.output.trim().split('\n').map(Number);
    assert.equal(tcpLines, 2, 'only the two header lines: no socket from the host is visible');
    assert.equal(addrs, 2, '127.0.0.1 and ::1 only');
  });

  it('runs `clawport` as this repo CLI, with HOME and OPENCLAW_HOME both the page home', async () => {
    const r = await session.run('clawport --version && echo "$HOME $OPENCLAW_HOME"');
    assert.match(r.output, /^@clawport\/cli\/\d+\.\d+\.\d+ /);
    assert.ok(r.output.trim().endsWith(`${session.home} ${session.home}`));
  });
});
