import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gatherHostFacts } from '../../../src/node/services/facts.js';
import { execRunner } from '../../../src/node/services/runner.js';
import { chooseBackend } from '../../../src/services/detect.js';

describe('node/services runner and host facts', () => {
  it('runs a real command without a shell and reports its exit code and output', async () => {
    const r = await execRunner().run({ command: process.execPath, args: ['-e', 'console.log(process.argv[1]); process.exit(3)', 'a b;$x'] });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, 'a b;$x\n');
  });
  it('passes the plan env to the command', async () => {
    const r = await execRunner().run({ command: process.execPath, args: ['-e', 'console.log(process.env.CLAWPORT_X)'], env: { CLAWPORT_X: 'y' } });
    assert.equal(r.stdout, 'y\n');
  });
  it('a missing binary is exit 127 with one line', async () => {
    const r = await execRunner().run({ command: 'clawport-no-such-binary', args: [] });
    assert.equal(r.code, 127);
    assert.equal(r.stderr, 'clawport-no-such-binary: command not found');
  });
  it('reads PID 1 of this host and explains the backend it leads to', () => {
    const facts = gatherHostFacts(process.env, 'linux');
    assert.equal(facts.pid1, readFileSync('/proc/1/comm', 'utf8').trim());
    const choice = chooseBackend(facts);
    if (facts.pid1 === 'systemd') assert.ok(['systemd', 'supervisor'].includes(choice.backend));
    else assert.equal(choice.backend, 'supervisor');
    assert.match(choice.reason, /PID 1|systemd/);
  });
});
