import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinManifests, resolveFootprint } from '@clawport/core';
import { baseProblem, suggestBase, type PortPlan } from '../../src/lib/onboard/answers.js';
import { makeHome, removeHome, runCli, runJson, snapshot } from '../helpers/cli.js';

function plan(others: Array<[string, number]>, busy: number[] = []): PortPlan {
  return {
    name: 'rescue',
    config: {},
    plugins: [...builtinManifests],
    others: others.map(([name, base]) => resolveFootprint(name, base, {}, builtinManifests).footprint),
    busy: new Set(busy),
  };
}

describe('onboard: base suggestion (pure)', () => {
  const table: Array<{ what: string; plan: PortPlan; profile: string; expect: number }> = [
    { what: 'the seed: a rescue bot next to main at 18789 gets 19789', plan: plan([['main', 18789]]), profile: 'rescue', expect: 19789 },
    { what: 'the first instance gets 18789', plan: plan([]), profile: 'main', expect: 18789 },
    { what: '--dev starts at 19001', plan: plan([]), profile: 'dev', expect: 19001 },
    { what: 'a live listener in the candidate footprint moves it on', plan: plan([['main', 18789]], [19850]), profile: 'rescue', expect: 20789 },
    { what: 'the ephemeral range is skipped', plan: plan([['main', 31789]]), profile: 'rescue', expect: 61789 },
  ];
  for (const row of table) it(row.what, () => assert.equal(suggestBase(row.plan, row.profile), row.expect));

  it('never proposes a base whose footprint (CDP band included) touches the ephemeral range 32768–60999', () => {
    // 31689 + 1000 = 32689 is below 32768, but its CDP band 32700–32799 is inside the range.
    assert.equal(suggestBase(plan([['main', 31689]]), 'rescue'), 61689);
    for (let other = 18789; other <= 64000; other += 97) {
      const base = suggestBase(plan([['main', other]]), 'rescue');
      const { footprint } = resolveFootprint('rescue', base, {}, builtinManifests);
      for (const c of footprint.claims) assert.ok(c.end < 32768 || c.start > 60999, `main at ${other}: proposed ${base}, ${c.role} ${c.start}–${c.end}`);
    }
  });

  it('explains an overlap precisely and accepts a disjoint base', () => {
    assert.equal(baseProblem(plan([['main', 18789]]), 18809), 'rescue gateway 18809 overlaps main CDP band 18800–18899: every port of a profile must stay its own (see: clawport ports check)');
    assert.equal(baseProblem(plan([['main', 18789]]), 18900), undefined);
    assert.match(baseProblem(plan([]), 'abc') ?? '', /"abc" is not a port/);
  });
});

describe('onboard --non-interactive (real files, real gateway)', function () {
  this.timeout(120_000);
  let home: string;
  before(async () => {
    home = await makeHome();
    const r = await runCli(['--profile', 'main', 'setup', '--port', '29789'], home);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    await runCli(['--profile', 'ops', 'gateway', 'stop'], home);
    await removeHome(home);
  });

  it('--profile ops --port 30100 --install-service: profile created, service installed, started and healthy', async () => {
    const { result, run } = await runJson<{ base: number; workspace: string; token: string; service: { backend: string; started: boolean } }>(
      ['onboard', '--non-interactive', '--profile', 'ops', '--port', '30100', '--install-service'],
      home,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(result.base, 30100);
    assert.equal(result.workspace, join(home, '.openclaw/workspace-ops'));
    assert.equal(result.token, 'generated');
    assert.deepEqual(result.service, { backend: 'supervisor', service: 'supervisor (ops)', started: true });
    const health = await runCli(['--profile', 'ops', 'health'], home);
    assert.equal(health.code, 0, health.stderr);
    assert.equal((await runCli(['--profile', 'ops', 'gateway', 'stop'], home)).code, 0);
    assert.equal((await runCli(['--profile', 'ops', 'gateway', 'uninstall'], home)).code, 0);
  });

  it('without --port it takes the suggested base; a custom workspace lands in the config', async () => {
    const r = await runCli(['onboard', '--non-interactive', '--profile', 'lab', '--workspace', '~/work/lab'], home);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /lab: created — base 31100, workspace .*\/work\/lab/);
    assert.match(await readFile(join(home, '.openclaw-lab/openclaw.json'), 'utf8'), /work\/lab/);
  });

  const bad: Array<{ what: string; args: string[]; line: RegExp }> = [
    { what: 'an overlapping port', args: ['--port', '29800'], line: /^error: --port 29800: main CDP band 29800–29899 overlaps x gateway 29800: .* \(a free base: \d+\)$/ },
    { what: 'a port out of range', args: ['--port', '80'], line: /^error: --port 80: base port: port 80 is outside 1024–65535/ },
    { what: 'a short token', args: ['--token', 'short'], line: /^error: --token: a token needs at least 16 characters \(got 5\)$/ },
    { what: 'a relative workspace', args: ['--workspace', 'ws'], line: /^error: --workspace: workspace "ws" is not an absolute path/ },
    { what: 'an unknown backend', args: ['--backend', 'upstart'], line: /^error: --backend: unknown service backend "upstart"/ },
  ];
  for (const row of bad) {
    it(`${row.what}: exit 2, one line, nothing written`, async () => {
      const before = await snapshot(home);
      const r = await runCli(['--profile', 'x', 'onboard', '--non-interactive', ...row.args], home);
      assert.equal(r.code, 2, `${r.stdout}\n${r.stderr}`);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], row.line);
      assert.deepEqual(await snapshot(home), before);
    });
  }

  it('interactive without a terminal: exit 2, says to use --non-interactive, nothing written', async () => {
    const before = await snapshot(home);
    const r = await runCli(['--profile', 'x', 'onboard'], home);
    assert.equal(r.code, 2);
    assert.match(r.stderr.trim(), /^error: onboard asks questions but stdin is not a terminal \(pass --non-interactive/);
    assert.deepEqual(await snapshot(home), before);
  });
});
