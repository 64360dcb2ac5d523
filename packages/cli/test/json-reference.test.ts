import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Incident } from '@clawport/core';
import { appendIncident } from '@clawport/core/node';
import { freeBlock, makeHome, removeHome, runCli, startGateway, type LiveProcess } from './helpers/cli.js';

/**
 * docs/reference/json.md promises the shape of every `--json` it lists. This runs each listed command
 * for real (a running and a stopped profile) and holds the page to its output: every field printed is
 * on the page, every field the page gives without `?` is printed, nested shapes included.
 */

/** One documented field: optional (`name?`), and the shape of its objects when the page gives one. */
interface Field {
  optional: boolean;
  shape?: Shape;
}
/** Field name → field; `map` when the page gives `{<id>: {...}}` (any key, each value of that shape). */
interface Shape {
  fields: Map<string, Field>;
  map?: Shape;
}

/** Splits at top-level commas (depth of {}, [], () zero). */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('{[('.includes(c)) depth++;
    else if ('}])'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The text inside the first balanced {…} of `text`, or undefined. */
function firstBraced(text: string): string | undefined {
  const open = text.indexOf('{');
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces in ${text}`);
}

function parseShape(inner: string): Shape {
  const shape: Shape = { fields: new Map() };
  for (const part of splitTop(inner)) {
    const m = /^([A-Za-z_$][\w$]*)(\?)?/.exec(part);
    if (!m) {
      const map = /^<\w+>\s*:\s*(.*)$/s.exec(part);
      if (!map) throw new Error(`json.md: cannot read the field "${part}"`);
      const body = firstBraced(map[1]);
      shape.map = body === undefined ? { fields: new Map() } : parseShape(body);
      continue;
    }
    // The value: `name{…}`, `name: {…}`, `name: [{…}]`, `name[]`, `name: a|b`: a shape only when braced.
    const rest = part.slice(m[0].length).replace(/^\s*:\s*/, '');
    const body = /^\[?\{/.test(rest) ? firstBraced(rest) : undefined;
    shape.fields.set(m[1], { optional: m[2] === '?', ...(body !== undefined ? { shape: parseShape(body) } : {}) });
  }
  return shape;
}

/** What differs between a printed value and the page's shape: ['status.engine: printed, not on the page', …]. */
function differences(value: unknown, shape: Shape, at: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => differences(v, shape, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  const record = value as Record<string, unknown>;
  if (shape.map) {
    for (const [k, v] of Object.entries(record)) out.push(...differences(v, shape.map, `${at}.${k}`));
    return out;
  }
  for (const key of Object.keys(record)) if (!shape.fields.has(key)) out.push(`${at}.${key}: printed, not on the page`);
  for (const [key, field] of shape.fields) {
    if (!(key in record)) {
      if (!field.optional) out.push(`${at}.${key}: on the page without "?", not printed`);
      continue;
    }
    if (field.shape) out.push(...differences(record[key], field.shape, `${at}.${key}`));
  }
  return out;
}

const page = readFileSync(fileURLToPath(new URL('../../../docs/reference/json.md', import.meta.url)), 'utf8');

/** What a failing command prints instead (the page's sentence above the table). */
function failureShape(): Shape {
  const code = /A command that fails prints `(\{error: .*?\})` instead/s.exec(page)?.[1];
  assert.ok(code, 'json.md says what a failing command prints');
  return parseShape(firstBraced(code)!);
}

/** json.md's table: command → shape (`status --all`: "an array of the above" is status's shape). */
function documentedShapes(): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  let previous: Shape | undefined;
  for (const line of page.split('\n')) {
    const row = /^\| `([^`]+)` \| (.*) \|$/.exec(line);
    if (!row) continue;
    const [, command, printed] = row;
    const code = /^`(.*?)`(?: |$)/.exec(printed)?.[1].replaceAll('\\|', '|');
    let shape: Shape;
    if (code === undefined && /an array of the above/.test(printed) && previous) shape = previous;
    else if (code !== undefined) shape = parseShape(firstBraced(code) ?? '');
    else throw new Error(`json.md: no shape for ${command}`);
    shapes.set(command, shape);
    previous = shape;
  }
  return shapes;
}

describe('docs/reference/json.md: each listed --json shape is what the command prints', function () {
  this.timeout(300_000);
  const shapes = documentedShapes();
  const failed = failureShape();
  let home: string;
  let base: number;
  let gateway: LiveProcess | undefined;
  const printed = new Map<string, unknown[]>();
  const json = async (command: string, args: string[]) => {
    const r = await runCli([...args, '--json'], home);
    let value: unknown;
    try {
      value = JSON.parse(r.stdout);
    } catch {
      throw new Error(`clawport ${args.join(' ')} --json printed no JSON (exit ${r.code}): ${r.stdout}${r.stderr}`);
    }
    printed.set(command, [...(printed.get(command) ?? []), value]);
  };

  before(async () => {
    home = await makeHome();
    base = await freeBlock(400);
    await json('setup', ['--profile', 'main', 'setup', '--port', String(base)]);
    await json('setup', ['--profile', 'rescue', 'setup', '--port', String(base + 200)]);
    // rescue watches main and recorded an incident about it; broken has a config that does not load.
    assert.equal((await runCli(['--profile', 'rescue', 'config', 'set', 'watch.targets', '["main"]'], home)).code, 0);
    const incident: Incident = { id: '20261129T140000-abc123', target: 'main', watcher: 'rescue', detectedAt: new Date().toISOString(), cause: 'no answer', state: 'open', actions: [] };
    await appendIncident(join(home, '.openclaw-rescue'), incident);
    await mkdir(join(home, '.openclaw-broken'), { mode: 0o700 });
    await writeFile(join(home, '.openclaw-broken', 'openclaw.json'), '{ gateway: { port: 80 } }\n', { mode: 0o600 });
    gateway = await startGateway(['--profile', 'main', 'gateway'], home, join(home, '.openclaw-main'));
    for (const profile of ['main', 'rescue', 'broken']) {
      await json('status', ['--profile', profile, 'status']);
      await json('ports', ['--profile', profile, 'ports']);
      await json('config get', ['--profile', profile, 'config', 'get', 'gateway.port']);
      await json('config validate', ['--profile', profile, 'config', 'validate']);
    }
    await json('status --all', ['status', '--all']);
    await json('health', ['--profile', 'main', 'health']);
    await json('ports check', ['ports', 'check']);
    await json('ports suggest', ['ports', 'suggest']);
    await json('doctor', ['doctor']);
    await json('profiles list', ['profiles', 'list']);
    await json('down', ['down', 'main', 'rescue']);
  });
  after(async () => {
    await gateway?.stop();
    await removeHome(home);
  });

  it('the broken profile made status, ports, config get and config validate fail (the failure shape is checked too)', () => {
    for (const command of ['status', 'ports', 'config get', 'config validate']) {
      assert.ok(printed.get(command)?.some((v) => typeof v === 'object' && v !== null && 'error' in v), command);
    }
  });
  it('lists the commands this test runs (and nothing it does not)', () => {
    assert.deepEqual([...shapes.keys()].sort(), [...printed.keys()].sort());
  });
  for (const command of ['status', 'status --all', 'health', 'ports', 'ports check', 'ports suggest', 'doctor', 'config get', 'config validate', 'profiles list', 'setup', 'down']) {
    it(`${command} --json`, () => {
      const shape = shapes.get(command);
      assert.ok(shape, `json.md has no row for ${command}`);
      const values = printed.get(command) ?? [];
      assert.ok(values.length > 0, `nothing printed for ${command}`);
      const isFailure = (v: unknown) => typeof v === 'object' && v !== null && 'error' in v && Object.keys(v).length === 1;
      assert.deepEqual(values.flatMap((v) => (isFailure(v) ? differences(v, failed, `${command} (failed)`) : differences(v, shape, command))), []);
    });
  }
});
