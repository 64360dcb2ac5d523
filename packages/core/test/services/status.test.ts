import assert from 'node:assert/strict';
import { parseLaunchctlPrint, parseSchtasksQuery, parseSystemdShow } from '../../src/services/status.js';

describe('services/status parsers of the managers\' own output', () => {
  it('systemctl show: running unit', () => {
    const text = 'LoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\nMainPID=4242\nNRestarts=3\nExecMainStatus=0\n';
    assert.deepEqual(parseSystemdShow(text), { installed: true, enabled: true, running: true, pid: 4242, restarts: 3, lastExit: 0, detail: 'active (running)' });
  });
  it('systemctl show: unit that is not installed', () => {
    const text = 'LoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState=\nMainPID=0\nNRestarts=0\nExecMainStatus=0\n';
    const s = parseSystemdShow(text);
    assert.equal(s.installed, false);
    assert.equal(s.running, false);
    assert.equal(s.pid, undefined);
  });
  it('systemctl show: failed with exit 78', () => {
    const s = parseSystemdShow('LoadState=loaded\nActiveState=failed\nSubState=failed\nUnitFileState=enabled\nMainPID=0\nExecMainStatus=78\n');
    assert.equal(s.running, false);
    assert.equal(s.lastExit, 78);
    assert.equal(s.detail, 'failed (failed)');
  });
  it('launchctl print: running job', () => {
    const text = 'gui/501/ai.clawport.main = {\n\tactive count = 1\n\tstate = running\n\truns = 4\n\tpid = 777\n\tlast exit code = 1\n}\n';
    assert.deepEqual(parseLaunchctlPrint(text), { installed: true, enabled: true, running: true, pid: 777, restarts: 3, lastExit: 1, detail: 'running' });
  });
  it('launchctl print: not loaded', () => {
    assert.equal(parseLaunchctlPrint('Could not find service "ai.clawport.main" in domain for port').installed, false);
  });
  it('schtasks /Query: running task', () => {
    const text = 'Folder: \\\r\nTaskName:      \\Clawport Gateway (main)\r\nStatus:        Running\r\nLast Result:   267009\r\n';
    const s = parseSchtasksQuery(text);
    assert.equal(s.running, true);
    assert.equal(s.lastExit, 267009);
  });
  it('schtasks /Query: missing task', () => {
    assert.equal(parseSchtasksQuery('ERROR: The system cannot find the file specified.').installed, false);
  });
});
