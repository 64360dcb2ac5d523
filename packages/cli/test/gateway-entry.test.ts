import assert from 'node:assert/strict';
import { plainGatewayRun } from '../src/gateway-entry.js';

// The fast entry must take exactly what `clawport gateway` accepts and leave every doubt to oclif.
describe('gateway fast entry: which argv runs without oclif', () => {
  const taken: Array<[string[], object]> = [
    [['gateway'], {}],
    [['gateway', '--port', '19001'], { port: '19001' }],
    [['gateway', '--port=19001', '--bind', 'lan', '--token', 'secret-token-123456'], { port: '19001', bind: 'lan', token: 'secret-token-123456' }],
    [['gateway', '--bind=loopback'], { bind: 'loopback' }],
    [['gateway', '--port', 'abc'], { port: 'abc' }], // the value is checked by core, with the same message as oclif's path
  ];
  for (const [argv, flags] of taken) {
    it(`${argv.join(' ')} → runs directly`, () => assert.deepEqual(plainGatewayRun(argv), flags));
  }
  const left: string[][] = [
    [],
    ['status'],
    ['gateway', 'install'],
    ['gateway', 'status', '--json'],
    ['gateway', '--help'],
    ['gateway', '--json'],
    ['gateway', '--port'],
    ['gateway', '--port', '--bind', 'lan'],
    ['gateway', '--port='],
    ['gateway', '--port', '1', '--port', '2'],
    ['gateway', '--bind', 'everywhere'],
    ['gateway', '-p', '19001'],
    ['gateway', '--', '--port', '1'],
    ['config', 'get', 'gateway'],
  ];
  for (const argv of left) {
    it(`${argv.join(' ') || '(empty)'} → oclif`, () => assert.equal(plainGatewayRun(argv), undefined));
  }
});
