import assert from 'node:assert/strict';
import { formatCommand, operationPlan, type ManagedBackend, type ServiceOperation } from '../../src/services/plans.js';
import { serviceSpec } from '../../src/services/spec.js';
import { COMMAND, instanceFor } from './fixtures.js';

const spec = serviceSpec(instanceFor('rescue', 19789), COMMAND);
const show = (backend: ManagedBackend, op: ServiceOperation) =>
  operationPlan(backend, op, spec, { uid: 1000, lines: 20 }).commands.map(formatCommand);

describe('services/plans commands for the service managers', () => {
  const table: Array<[ManagedBackend, ServiceOperation, string[]]> = [
    ['systemd', 'install', ['systemctl --user daemon-reload', 'systemctl --user enable --now clawport-gateway-rescue.service']],
    ['systemd', 'uninstall', ['systemctl --user disable --now clawport-gateway-rescue.service', 'systemctl --user daemon-reload']],
    ['systemd', 'start', ['systemctl --user start clawport-gateway-rescue.service']],
    ['systemd', 'stop', ['systemctl --user stop clawport-gateway-rescue.service']],
    ['systemd', 'restart', ['systemctl --user restart clawport-gateway-rescue.service']],
    [
      'systemd',
      'status',
      ['systemctl --user show clawport-gateway-rescue.service --no-pager --property=LoadState,ActiveState,SubState,UnitFileState,MainPID,NRestarts,ExecMainStatus'],
    ],
    ['systemd', 'logs', ['journalctl --user-unit clawport-gateway-rescue.service -n 20 --no-pager -o cat']],
    [
      'launchd',
      'install',
      ['launchctl enable gui/1000/ai.clawport.rescue', 'launchctl bootstrap gui/1000 /home/alice/Library/LaunchAgents/ai.clawport.rescue.plist'],
    ],
    ['launchd', 'stop', ['launchctl bootout gui/1000/ai.clawport.rescue']],
    ['launchd', 'restart', ['launchctl kickstart -k gui/1000/ai.clawport.rescue']],
    ['launchd', 'status', ['launchctl print gui/1000/ai.clawport.rescue']],
    [
      'schtasks',
      'install',
      ["schtasks /Create /TN 'Clawport Gateway (rescue)' /XML /home/alice/.openclaw-rescue/service/gateway-task.xml /F", "schtasks /Run /TN 'Clawport Gateway (rescue)'"],
    ],
    ['schtasks', 'uninstall', ["schtasks /End /TN 'Clawport Gateway (rescue)'", "schtasks /Delete /TN 'Clawport Gateway (rescue)' /F"]],
    ['schtasks', 'status', ["schtasks /Query /TN 'Clawport Gateway (rescue)' /FO LIST /V"]],
  ];
  for (const [backend, op, expected] of table) {
    it(`${backend} ${op}`, () => assert.deepEqual(show(backend, op), expected));
  }

  it('hints at linger after a systemd install', () => {
    assert.match(operationPlan('systemd', 'install', spec).hints.join('\n'), /loginctl enable-linger/);
  });

  it('tolerates failure only where the state may already be the wanted one', () => {
    const allowed = (b: ManagedBackend, op: ServiceOperation) => operationPlan(b, op, spec, {}).commands.map((c) => c.allowFailure === true);
    assert.deepEqual(allowed('systemd', 'uninstall'), [true, false]);
    assert.deepEqual(allowed('systemd', 'start'), [false]);
    assert.deepEqual(allowed('schtasks', 'restart'), [true, false]);
  });

  it('passes secrets to no command', () => {
    for (const backend of ['systemd', 'launchd', 'schtasks'] as const) {
      for (const op of ['install', 'uninstall', 'start', 'stop', 'restart', 'status', 'logs'] as const) {
        for (const c of operationPlan(backend, op, spec).commands) assert.equal(c.env, undefined);
      }
    }
  });
});

import { parseEnvFile } from '../../src/services/env-file.js';

describe('services/env-file', () => {
  const table: Array<[string, Record<string, string>]> = [
    ['# comment\n\nA=1\n', { A: '1' }],
    ['export B="two words"\r\nC=\'x=y\'\n', { B: 'two words', C: 'x=y' }],
    ['not a line\n1X=bad\nD=\n', { D: '' }],
  ];
  for (const [text, vars] of table) {
    it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseEnvFile(text), vars));
  }
});
