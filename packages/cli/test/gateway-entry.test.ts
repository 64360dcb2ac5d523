import assert from 'node:assert/strict';
import { plainGatewayRun } from '../src/gateway-entry.js';
import { makeHome, removeHome, runCli, snapshot } from './helpers/cli.js';

// The fast entry must take exactly what `clawport gateway` accepts (it parses with the command's own
// flag definitions and oclif's parser) and leave every doubt to oclif.
describe('gateway fast entry: which argv runs without oclif', () => {
  const taken: Array<[string[], object]> = [
    [['gateway'], {}],
    [['gateway', '--port', '19001'], { port: 19001 }],
    [['gateway', '--port=19001', '--bind', 'lan', '--token', 'secret-token-123456'], { port: 19001, bind: 'lan', token: 'secret-token-123456' }],
    [['gateway', '--bind=loopback'], { bind: 'loopback' }],
  ];
  for (const [argv, flags] of taken) {
    it(`${argv.join(' ')} → runs directly`, async () => assert.deepEqual(await plainGatewayRun(argv), flags));
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
    ['gateway', '--port', 'abc'], // the flag's own usage error is oclif's to print (exit 2)
    ['gateway', '-p', '19001'],
    ['gateway', '--', '--port', '1'],
    ['config', 'get', 'gateway'],
  ];
  for (const argv of left) {
    it(`${argv.join(' ') || '(empty)'} → oclif`, async () => assert.equal(await plainGatewayRun(argv), undefined));
  }
});

describe('gateway and setup share the base-port flag (flags.ts): a non-integer is a usage error', () => {
  let home: string;
  before(async () => (home = await makeHome()));
  after(async () => removeHome(home));
  for (const argv of [['gateway', '--port', 'abc'], ['gateway', '--port=abc', '--bind', 'lan'], ['gateway', 'install', '--port', 'abc', '--dry-run']]) {
    it(`clawport --profile x ${argv.join(' ')}: exit 2, one line, nothing written`, async () => {
      const r = await runCli(['--profile', 'x', ...argv], home);
      assert.deepEqual([r.code, r.stderr, r.stdout], [2, 'error: --port: "abc" is not a port (use an integer 1024–65535)\n', '']);
      assert.deepEqual(await snapshot(home), {});
    });
  }
});
