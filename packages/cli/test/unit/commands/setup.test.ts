import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { snapshot } from '../../helpers/cli.js';
import { inProcess, tempHome } from '../helpers/in-process.js';

// The unit tier: `setup` run inside this process (oclif runCommand), real files in a temp home, no
// child process, no port bound. The process-level twin (real bin, main()'s argv lifting) is
// test/commands/setup.test.ts.

interface SetupJson {
  name: string;
  base: number;
  baseSource: string;
  created: boolean;
  changed: string[];
  stateDir: string;
  configPath: string;
}

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('unit: setup (in-process)', () => {
  let home: Awaited<ReturnType<typeof tempHome>>;
  beforeEach(async () => (home = await tempHome()));
  afterEach(async () => home.remove());

  it('creates a private state dir and config at the asked base; a second run changes nothing', async () => {
    const first = await inProcess<SetupJson>(['setup', '--profile', 'main', '--port', '23000', '--json'], home.path);
    assert.equal(first.exitCode, 0, first.stderr);
    assert.deepEqual([first.result?.name, first.result?.base, first.result?.baseSource, first.result?.created], ['main', 23000, 'flag', true]);
    assert.deepEqual([await mode(first.result!.stateDir), await mode(first.result!.configPath)], [0o700, 0o600]);
    const before = await snapshot(home.path);
    const again = await inProcess<SetupJson>(['setup', '--profile', 'main', '--json'], home.path);
    assert.deepEqual([again.exitCode, again.result?.created, again.result?.changed, again.result?.base], [0, false, [], 23000]);
    assert.deepEqual(await snapshot(home.path), before);
  });

  it('a base inside another instance\'s CDP band is refused with the exact overlap; nothing written', async () => {
    assert.equal((await inProcess(['setup', '--profile', 'main', '--port', '23000'], home.path)).exitCode, 0);
    const before = await snapshot(home.path);
    const r = await inProcess(['setup', '--profile', 'rescue', '--port', '23020'], home.path);
    assert.equal(r.exitCode, 1);
    assert.equal(r.line, 'error: rescue gateway 23020 overlaps main CDP band 23011–23110 (choose another base, or let setup allocate one: clawport ports suggest)');
    assert.deepEqual(await snapshot(home.path), before);
  });

  // Exit codes come from the error's class (describeError, as main() maps them): the flag's own parse
  // is a usage error (2), a port out of range or a footprint past 65535 a config error (78).
  const badPorts: Array<[string, number, string]> = [
    ['abc', 2, 'error: --port: "abc" is not a port (use an integer 1024–65535)'],
    ['19001x', 2, 'error: --port: "19001x" is not a port (use an integer 1024–65535)'],
    ['80', 78, 'error: --port: port 80 is outside 1024–65535 (choose another port)'],
    ['65536', 78, 'error: --port: port 65536 is outside 1024–65535 (choose another port)'],
    ['65500', 78, 'error: --port: base 65500 puts its footprint at 65500–65610, past 65535 (choose a base ≤ 65425, or run: clawport ports suggest)'],
  ];
  for (const [port, code, line] of badPorts) {
    it(`--port ${port}: exit ${code}, one line, nothing written`, async () => {
      const r = await inProcess(['setup', '--profile', 'y', '--port', port], home.path);
      assert.deepEqual([r.exitCode, r.line, r.stdout], [code, line, '']);
      assert.deepEqual(await snapshot(home.path), {});
    });
  }

  for (const name of ['../x', 'a/b', 'a b', 'x'.repeat(70)]) {
    it(`--profile ${JSON.stringify(name.length > 20 ? `${name.length} chars` : name)} parsed by oclif (not lifted by main): exit 2, nothing written`, async () => {
      const r = await inProcess(['setup', '--profile', name], home.path);
      assert.equal(r.exitCode, 2, r.line);
      assert.match(r.line ?? '', /^error: --profile: (invalid profile name ".*" \(use letters|profile name is 70 characters long \(at most 64\))/);
      assert.deepEqual(await snapshot(home.path), {});
    });
  }
});
