import JSON5 from 'json5';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors.js';
import { configProblems, formatKeyPath, locateKeyPath, locateKeyPosition, parseConfig, parseJson5, validateConfig, writtenPort } from '../../src/config/parse.js';
import { throwsLine } from '../helpers/expect-error.js';

const F = '/h/.openclaw/openclaw.json';
const SYNTAX = '(fix the syntax, or restore the last good config with: clawport config rollback)';
const FIX = '(fix the value, then run: clawport config validate)';

describe('config/parse: valid JSON5', () => {
  const ok: Array<[string, string, unknown]> = [
    ['empty object', '{}', {}],
    ['JSON5 comments, unquoted keys, trailing commas', '// main\n{\n  gateway: { port: 18789, /* base */ bind: "loopback", },\n}\n', { gateway: { port: 18789, bind: 'loopback' } }],
    ['single-quoted strings', "{ agents: { defaults: { workspace: '~/ws' } } }", { agents: { defaults: { workspace: '~/ws' } } }],
    ['unknown top-level sections belong to plugins and are kept', '{ metrics: { port: 1, anything: [1, 2] } }', { metrics: { port: 1, anything: [1, 2] } }],
    ['unknown keys inside loose sections (agents, plugins) are kept', '{ agents: { list: [] }, plugins: { load: ["./p.js"], extra: 1 } }', { agents: { list: [] }, plugins: { load: ['./p.js'], extra: 1 } }],
    [
      'browser profiles with cdpPort and cdpUrl',
      '{ browser: { controlPort: 18791, profiles: { work: { cdpPort: 18805 }, remote: { cdpUrl: "http://10.0.0.5:9222" } } } }',
      { browser: { controlPort: 18791, profiles: { work: { cdpPort: 18805 }, remote: { cdpUrl: 'http://10.0.0.5:9222' } } } },
    ],
    ['$schema is allowed', '{ $schema: "./schema.json" }', { $schema: './schema.json' }],
  ];
  for (const [name, text, expected] of ok) it(name, () => assert.deepEqual(parseConfig(text, F), expected));
});

describe('config/parse: JSON5 errors carry file:line:col', () => {
  const bad: Array<[string, string, string, { line: number; column: number }]> = [
    ['double comma', '{ gateway: { port: 18789,, } }', `${F}:1:26: not valid JSON5: invalid character ',' ${SYNTAX}`, { line: 1, column: 26 }],
    ['unclosed object', '{ gateway: { port: 18789 }', `${F}:1:27: not valid JSON5: invalid end of input ${SYNTAX}`, { line: 1, column: 27 }],
    ['garbage after the value', '{}\n\n  x', `${F}:3:3: not valid JSON5: invalid character 'x' ${SYNTAX}`, { line: 3, column: 3 }],
    ['error on a later line', '{\n  gateway: {\n    port: 18789\n    bind: "lan",\n  },\n}', `${F}:4:5: not valid JSON5: invalid character 'b' ${SYNTAX}`, { line: 4, column: 5 }],
  ];
  for (const [name, text, line, where] of bad) {
    it(name, () => {
      const err = throwsLine(() => parseConfig(text, F), ConfigError, line) as ConfigError;
      assert.deepEqual(err.location, { file: F, ...where });
      assert.equal(err.exitCode, 78);
    });
  }
  it('an empty file', () => throwsLine(() => parseJson5(' \n', F), ConfigError, `${F}: file is empty (write {} or run clawport setup)`));
  it('a root that is not an object', () =>
    throwsLine(() => parseConfig('[1]', F), ConfigError, `${F}: the config must be an object ({ … }) (start from {} or run clawport setup)`));
  it('a root that is null', () =>
    throwsLine(() => parseConfig('null', F), ConfigError, `${F}: the config must be an object ({ … }) (start from {} or run clawport setup)`));
});

describe('config/parse: schema errors name key path and line', () => {
  const bad: Array<[string, string, string, string]> = [
    ['port as a string', '{\n  gateway: {\n    port: "x",\n  },\n}', `${F}:3: gateway.port: Invalid input: expected number, received string ${FIX}`, 'gateway.port'],
    ['port below 1024', '{ gateway: { port: 80 } }', `${F}:1: gateway.port: ports below 1024 need root ${FIX}`, 'gateway.port'],
    ['port above 65535', '{\n canvasHost: {\n  port: 70000 } }', `${F}:3: canvasHost.port: ports stop at 65535 ${FIX}`, 'canvasHost.port'],
    ['fractional port', '{ gateway: { port: 1.5 } }', `${F}:1: gateway.port: Invalid input: expected int, received number ${FIX}`, 'gateway.port'],
    ['bind not in the enum', '{ "gateway": { "bind": "wan" } }', `${F}:1: gateway.bind: Invalid option: expected one of "loopback"|"lan"|"tailnet"|"auto"|"custom" ${FIX}`, 'gateway.bind'],
    ['section of the wrong type', '{ gateway: null }', `${F}:1: gateway: Invalid input: expected object, received null ${FIX}`, 'gateway'],
    ['short token', '{ gateway: { auth: { token: "abc" } } }', `${F}:1: gateway.auth.token: a token needs at least 16 characters ${FIX}`, 'gateway.auth.token'],
    ['explicit cdpPort out of range', '{\n browser: {\n  profiles: {\n   work: {\n    cdpPort: 99 } } } }', `${F}:5: browser.profiles.work.cdpPort: ports below 1024 need root ${FIX}`, 'browser.profiles.work.cdpPort'],
    ['cdpUrl that is not a URL', '{ browser: { profiles: { w: { cdpUrl: "nope" } } } }', `${F}:1: browser.profiles.w.cdpUrl: Invalid URL ${FIX}`, 'browser.profiles.w.cdpUrl'],
    ['plugins.load not a list', '{ plugins: { load: "x" } }', `${F}:1: plugins.load: expected a list of plugin packages or paths, like ["./my-plugin.js"] ${FIX}`, 'plugins.load'],
    // The key is found by whole name: `myworkspace:` on line 3 is not `workspace:` on line 4.
    ['a key found by whole name only', '{\n agents: { defaults: {\n  myworkspace: "a",\n  workspace: "" } } }', `${F}:4: agents.defaults.workspace: Too small: expected string to have >=1 characters ${FIX}`, 'agents.defaults.workspace'],
  ];
  for (const [name, text, line, keyPath] of bad) {
    it(name, () => {
      const err = throwsLine(() => parseConfig(text, F), ConfigError, line) as ConfigError;
      assert.equal(err.location.keyPath, keyPath);
      assert.equal(err.location.file, F);
    });
  }

  // Upstream OpenClaw writes keys Clawport does not use; they pass through untouched, in every section.
  describe('unknown keys inside known sections are kept as written', () => {
    const unknown: Array<[string, string]> = [
      ['gateway.mode, gateway.tailscale, gateway.auth.password', '{ gateway: { mode: "local", tailscale: { mode: "off" }, auth: { mode: "password", password: "p" } } }'],
      ['browser and its profiles', '{ browser: { snapshotDefaults: { mode: "efficient" }, profiles: { w: { driver: "existing-session" } } } }'],
      ['canvasHost and logging', '{ canvasHost: { a2ui: true }, logging: { file: "/tmp/x.log", consoleLevel: "warn" } }'],
      ['upstream’s object form of plugins.load', '{ plugins: { load: { paths: ["~/p"] }, entries: { x: { enabled: true } } } }'],
    ];
    for (const [name, text] of unknown) it(name, () => assert.deepEqual(parseConfig(text, F), JSON5.parse(text)));
  });

  it('validateConfig without the text names the file only', () =>
    throwsLine(() => validateConfig({ gateway: { port: 'x' } }, F), ConfigError, `${F}: gateway.port: Invalid input: expected number, received string ${FIX}`));
});

describe('config/parse: helpers', () => {
  const paths: Array<[PropertyKey[], string]> = [
    [[], '(root)'],
    [['gateway'], 'gateway'],
    [['gateway', 'port'], 'gateway.port'],
    [['plugins', 'load', 2], 'plugins.load[2]'],
  ];
  for (const [path, text] of paths) it(`formatKeyPath → ${text}`, () => assert.equal(formatKeyPath(path), text));

  const lines: Array<[string, PropertyKey[], number | undefined]> = [
    ['{\n a: {\n  b: 1 } }', ['a', 'b'], 3],
    ['{\n "a": {\n  "b": 1 } }', ['a', 'b'], 3],
    ["{\n 'a': {\n  'b': 1 } }", ['a', 'b'], 3],
    ['{ x: { b: 0 },\n a: {\n  b: 1 } }', ['a', 'b'], 3],
    ['{ a: 1 }', ['missing'], undefined],
    ['{ transport: 1,\n port: 2 }', ['port'], 2],
  ];
  for (const [text, path, line] of lines) {
    it(`locateKeyPath(${JSON.stringify(text)}, ${path.join('.')}) → ${line}`, () => assert.equal(locateKeyPath(text, path), line));
  }

  it('locateKeyPosition gives line and column of the key', () => {
    assert.deepEqual(locateKeyPosition('{\n  gateway: {\n    "port": 1 } }', ['gateway', 'port']), { line: 3, column: 5, offset: 19 });
  });

  const written: Array<[string, number | undefined]> = [
    ['{ gateway: { port: 29000, }, }', 29000],
    ['{ gateway: { port: 29000 }, x: }', 29000], // broken syntax after the port
    ['{ "gateway": {\n "port": 29001\n', 29001], // unterminated
    ['{ gateway: { port: "29000" } }', undefined], // parses: a string is not a port
    ['{ gateway: { port: 29000.5 x', undefined],
    ['{ gateway: { bind: "lan" } }', undefined],
    ['{ transport: { port: 1234 }', undefined],
  ];
  for (const [text, port] of written) it(`writtenPort(${JSON.stringify(text)}) → ${port}`, () => assert.equal(writtenPort(text), port));

  it('configProblems: none for valid JSON5 (unquoted keys, trailing commas, comments)', () => {
    assert.deepEqual(configProblems('// mine\n{ gateway: { port: 29000, }, }\n', 'c.json'), []);
  });

  it('configProblems: a syntax error with line and column, as parseConfig says it', () => {
    const text = '{\n  gateway: { port: 29000 },\n  oops\n}\n';
    const [p, ...rest] = configProblems(text, 'c.json');
    assert.equal(rest.length, 0);
    assert.deepEqual([p.location.line, p.location.column], [4, 1]);
    assert.throws(() => parseConfig(text, 'c.json'), (e: Error) => e.message === p.message);
  });

  it('configProblems: every schema issue with its position, the first one as parseConfig says it', () => {
    const text = '{\n  gateway: {\n    port: "x",\n    bind: 1,\n  },\n}\n'; // unknown keys pass through (upstream's), so two bad values
    const problems = configProblems(text, 'c.json');
    assert.equal(problems.length, 2);
    assert.throws(() => parseConfig(text, 'c.json'), (e: Error) => e.message === problems[0].message);
    assert.deepEqual(problems.map((p) => [p.location.line, p.location.column]).sort(), [[3, 5], [4, 5]]);
  });
});
