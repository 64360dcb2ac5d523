import assert from 'node:assert/strict';
import { channelCredentials, checkForeignPorts, checkSharedChannelCredentials, checkSharedCredentialDirs } from '../../src/doctor/shared-credentials.js';
import { runDoctor } from '../../src/doctor/run.js';
import { inst } from './instance.js';

const TOKEN = '123456789:AAEhBP0av28fCf2eNkP1PshF-abcdefghij';
const tg = (token: string) => ({ channels: { telegram: { enabled: true, botToken: token } } });

describe('doctor/shared chat-channel credentials', () => {
  it('finds credentials at any depth under channels.*, fingerprinted', () => {
    const found = channelCredentials({ channels: { telegram: { botToken: TOKEN, accounts: { b: { botToken: 'other-token-0000' } } }, slack: { appToken: 'xapp-1', name: 'n' } } });
    assert.deepEqual(found.map((c) => c.keyPath), ['channels.telegram.botToken', 'channels.telegram.accounts.b.botToken', 'channels.slack.appToken']);
    for (const c of found) assert.match(c.fingerprint, /^[0-9a-f]{16}$/);
  });

  const table: Array<[string, ReturnType<typeof inst>[], string[]]> = [
    ['one token in two configs: error naming both and the key', [inst('main', 18789, tg(TOKEN)), inst('rescue', 19789, tg(TOKEN))], ['main and rescue use the same channels.telegram.botToken: two gateways polling one bot lose messages']],
    ['different tokens: clean', [inst('main', 18789, tg(TOKEN)), inst('rescue', 19789, tg(`${TOKEN}x`))], []],
    [
      'same token under different keys: both keys named',
      [inst('main', 18789, tg(TOKEN)), inst('rescue', 19789, { channels: { telegram: { accounts: { ops: { botToken: ` ${TOKEN} ` } } } } })],
      ['main (channels.telegram.botToken) and rescue (channels.telegram.accounts.ops.botToken) use the same credential: two gateways polling one bot lose messages'],
    ],
    ['no channels: clean', [inst('main', 18789), inst('rescue', 19789)], []],
  ];
  for (const [name, instances, messages] of table) {
    it(name, () => {
      const findings = checkSharedChannelCredentials(instances);
      assert.deepEqual(findings.map((f) => f.message), messages);
      for (const f of findings) assert.ok(!JSON.stringify(f).includes(TOKEN.slice(12)), 'the value never appears in a finding');
    });
  }

  it('runDoctor reports it as an error with the key path and the second config', () => {
    const report = runDoctor({ instances: [inst('main', 18789, tg(TOKEN)), inst('rescue', 19789, tg(TOKEN))], facts: { files: [], owners: [], brokenConfigs: [] } });
    assert.equal(report.ok, false);
    const f = report.findings.find((x) => x.check === 'channels.credential.shared')!;
    assert.equal(f.keyPath, 'channels.telegram.botToken');
    assert.match(f.file ?? '', /rescue/);
  });

  it('a credentials dir symlinked into two instances is shared; separate ones are not', () => {
    const files = [
      { instance: 'main', kind: 'credentials' as const, path: '/h/.openclaw-main/credentials', mode: 0o700 },
      { instance: 'rescue', kind: 'credentials' as const, path: '/h/.openclaw-rescue/credentials', mode: 0o700, realPath: '/h/.openclaw-main/credentials' },
      { instance: 'other', kind: 'credentials' as const, path: '/h/.openclaw-other/credentials', mode: 0o700 },
    ];
    assert.deepEqual(checkSharedCredentialDirs(files).map((f) => f.message), ['main, rescue share the credentials dir /h/.openclaw-main/credentials']);
  });

  it('a fixed port held by a foreign process names the process', () => {
    const [f] = checkForeignPorts([{ instance: 'main', port: 18789, role: 'gateway', holder: 'pid 42 (python3 -m http.server 18789)' }]);
    assert.equal(f.message, 'main: port 18789 (gateway) is held by pid 42 (python3 -m http.server 18789)');
    assert.equal(f.severity, 'error');
  });
});
