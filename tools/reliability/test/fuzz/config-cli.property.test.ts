import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { ensurePrivateDir, readConfigFile } from '@clawport/core/node';
import { cliBatch, makeHome, oneLineError, removeHome, runCli, type CliResult } from '../helpers/cli.js';
import { pathsOf, snapshotDir } from '../helpers/instance.js';
import { PORTS } from '../helpers/ports.js';

const B = PORTS.configFuzz;
/** A valid hand-written JSON5 config: comments, unquoted keys, single quotes, trailing commas. */
const VALID = `// fuzz profile
{
  gateway: { port: ${B}, bind: 'loopback', handshakeTimeoutMs: 5000, },
  browser: { headless: true, profiles: { work: { cdpPort: ${B + 20}, color: '#ff0000' } } },
  canvasHost: { liveReload: true },
  logging: { level: 'info', maxFiles: 5 },
  agents: { defaults: { workspace: '/tmp/fuzz-ws' } },
  /* a plugin's section */ metrics: { enabled: false },
}
`;

/** One edit of the text: what a slip of the hand or a half-written file does. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom('{', '}', '[', ']', ',', ':', "'", '"', '//', '/*', '\\', '-1', '1e999', 'null', 'true', '65536', '0x', 'NaN', ' '), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), from: fc.constantFrom(`${B}`, "'loopback'", 'true', '5000', "'info'", `${B + 20}`, '5'), to: fc.constantFrom("'x'", '-1', '70000', '[]', '{}', 'null', '1.5', "'lan'", '0', '"18789"') }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, edits: readonly Edit[]): string {
  let t = text;
  for (const e of edits) {
    if (e.kind === 'replace') {
      t = t.replace(e.from, e.to);
      continue;
    }
    const at = e.at % (t.length + 1);
    if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.len);
    else if (e.kind === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}

/** Exit 0, or the one-line error contract with a config (78), usage (2) or conflict (1) exit code. */
function contract(r: CliResult, what: string): 'ok' | 'refused' {
  if (r.code === 0) return 'ok';
  assert.ok(r.code === 78 || r.code === 2 || r.code === 1, `${what}: exit ${r.code} (expected 0, 1, 2 or 78)\n${r.stderr}`);
  oneLineError(r);
  return 'refused';
}

/** Hundreds of cases per property: each runs the CLI's own main() in one long-lived process (cli-batch). */
const RUNS = 300;
/** Every SAMPLE-th case also runs the real bin in its own process, and must answer the same. */
const SAMPLE = 50;

describe('fuzz: config parsing through the real CLI (random edits of a valid JSON5 file)', function () {
  this.timeout(600_000);
  let home: string;
  let configPath: string;
  let stateDir: string;
  let batch: ReturnType<typeof cliBatch>;
  let n = 0;
  /** One CLI run: in the batch process, and every SAMPLE-th also through bin/run.js (same code and stderr). */
  async function cli(args: string[]): Promise<CliResult> {
    const r = await batch.run(args);
    if (n++ % SAMPLE === 0) {
      const real = await runCli(args, home);
      assert.deepEqual([real.code, real.stderr], [r.code, r.stderr], `the real bin and the batch disagree on ${args.join(' ')}`);
    }
    return r;
  }

  before(async () => {
    home = await makeHome();
    ({ configPath, stateDir } = pathsOf(home, 'fuzz'));
    await ensurePrivateDir(stateDir);
    batch = cliBatch(home);
  });
  after(async () => {
    await batch?.close();
    await removeHome(home);
  });

  it('config validate and config set on a mutated file: ok, or one clear line and not a byte changed', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const text = apply(VALID, edits);
        await writeFile(configPath, text, { mode: 0o600 });
        const before = await snapshotDir(stateDir);
        const v = await cli(['--profile', 'fuzz', 'config', 'validate']);
        const verdict = contract(v, 'config validate');
        assert.deepEqual(await snapshotDir(stateDir), before, 'config validate wrote something');
        // The CLI and core must agree on whether the file is valid.
        const coreOk = await readConfigFile(configPath).then(() => true, () => false);
        if (verdict === 'refused') {
          refused++;
          if (coreOk) assert.match(v.stderr, /port|footprint|plugin/i, `core accepts the file, the CLI refused it: ${v.stderr}`);
          assert.ok(v.stderr.includes(configPath) || /gateway\.port|footprint/.test(v.stderr), `the error does not say where: ${v.stderr}`);
          // A broken file refuses every change too, and stays byte for byte what it was.
          const s = await cli(['--profile', 'fuzz', 'config', 'set', 'logging.level', 'debug']);
          assert.notEqual(s.code, 0, `config set on a broken file succeeded:\n${text}`);
          oneLineError(s);
          assert.deepEqual(await snapshotDir(stateDir), before, 'config set on a broken file wrote something');
        } else {
          assert.ok(coreOk, `the CLI accepted a file core refuses:\n${text}`);
        }
      }),
      { numRuns: RUNS },
    );
    assert.ok(refused > 0, 'no mutation was refused: the generator is too gentle to prove anything');
  });

  it('config set with random keys and values on a valid file: applied and valid, or refused with the file unchanged', async () => {
    const key = fc.constantFrom('gateway.port', 'gateway.bind', 'gateway.maxPayload', 'gateway.auth.token', 'browser.controlPort', 'browser.profiles.work.cdpPort', 'browser.profiles.bad name.cdpPort', 'canvasHost.port', 'logging.level', 'logging.maxFiles', 'agents.defaults.workspace', 'gateway', 'gateway.nope', '', '..', 'a..b', '__proto__.x', 'constructor.prototype.x');
    const value = fc.oneof(
      fc.constantFrom('0', '80', '1023', '65535', '65536', '-1', '1.5', 'abc', 'true', 'null', '[]', '{}', '{port: 1}', "'lan'", 'lan', '1e3', '0x50', `${B + 200}`, '"quoted"', ''),
      fc.string({ maxLength: 20 }),
      fc.integer({ min: -10, max: 70000 }).map(String),
    );
    await writeFile(configPath, VALID, { mode: 0o600 });
    const seen = { applied: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(key, value, async (k, v) => {
        const before = await snapshotDir(stateDir);
        const r = await cli(['--profile', 'fuzz', 'config', 'set', k, v]);
        if (contract(r, `config set ${k} ${v}`) === 'ok') {
          seen.applied++;
          await readConfigFile(configPath); // throws if the CLI wrote something invalid
          await writeFile(configPath, VALID, { mode: 0o600 });
        } else {
          seen.refused++;
          // Nothing written: not the config, not its last-good copy, no lock or temp file left.
          assert.deepEqual(await snapshotDir(stateDir), before, `refused config set ${k} ${JSON.stringify(v)} wrote something`);
        }
        assert.ok(!r.stdout.concat(r.stderr).includes('[object Object]'), `unhelpful output: ${r.stdout}${r.stderr}`);
      }),
      { numRuns: RUNS },
    );
    assert.ok(seen.applied > 0 && seen.refused > 0, `both outcomes must occur to prove anything: ${JSON.stringify(seen)}`);
  });
});
