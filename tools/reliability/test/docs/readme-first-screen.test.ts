import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../helpers/cli.js';
import { DocSession } from './doc-session.js';

// The README's first screen, as promised: `npm start` runs main and rescue side by side on an empty
// machine (18789 and 18900), in a sandbox home when OPENCLAW_HOME says so, and Ctrl-C stops both.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function markdownFiles(): string[] {
  const out = [join(ROOT, 'README.md'), join(ROOT, 'RELIABILITY.md')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(join(ROOT, 'docs'));
  return out;
}

describe('README first screen and the docs tree', function () {
  this.timeout(600_000);

  it('npm start: main on 18789 and rescue on 18900 in the sandbox home only; Ctrl-C stops both with exit 0', async () => {
    const session = await DocSession.open();
    try {
      // OPENCLAW_HOME first: bash expands prefix assignments left to right, so HOME must change last.
      const env = 'OPENCLAW_HOME="$HOME/sandbox" HOME="$HOME/user"';
      await session.run('mkdir -p "$HOME/user" "$HOME/sandbox"');
      await session.startBackground(
        `cd '${ROOT}' && ${env} npm start`,
        `${env} clawport --profile main health && ${env} clawport --profile rescue health`,
        // npm start builds first (Nx cache hits right after `npm test`'s own build; a cold build is minutes).
        480_000,
      );
      const status = await session.run(`${env} clawport status --all --json`);
      const rows = JSON.parse(status.output) as Array<{ name: string; base: number; running: boolean }>;
      assert.deepEqual(
        rows.map((r) => [r.name, r.base, r.running]),
        [
          ['main', 18789, true],
          ['rescue', 18900, true],
        ],
      );
      // Ctrl-C reaches the whole foreground group: npm itself dies of the SIGINT (a shell shows 130),
      // while `up` stops both gateways and each exits 0.
      await session.interruptBackground();
      const out = session.backgroundOutput();
      assert.match(out, /^main: exited with code 0$/m, out);
      assert.match(out, /^rescue: exited with code 0$/m, out);
      assert.deepEqual((await readdir(join(session.home, 'user'))).filter((e) => e.startsWith('.openclaw')), [], 'nothing written in the real home');
      assert.deepEqual((await readdir(join(session.home, 'sandbox'))).filter((e) => e.startsWith('.openclaw')).sort(), ['.openclaw', '.openclaw-main', '.openclaw-rescue']);
      const after = await session.run(`${env} clawport status --all --json`);
      assert.deepEqual((JSON.parse(after.output) as Array<{ running: boolean }>).map((r) => r.running), [false, false]);
    } finally {
      await session.close();
    }
  });

  it('npm link -w @clawport/cli puts `clawport` on the PATH (a temp npm prefix here)', async () => {
    const prefix = await mkdtemp(join(tmpdir(), 'clawport-prefix-'));
    try {
      const env = { ...process.env, npm_config_prefix: prefix };
      const link = spawnSync('npm', ['link', '-w', '@clawport/cli', '--no-audit', '--no-fund', '--offline'], { cwd: ROOT, env, encoding: 'utf8' });
      assert.equal(link.status, 0, link.stderr);
      const v = await runCommand(join(prefix, 'bin', 'clawport'), ['--version'], env);
      assert.match(v.stdout, /^@clawport\/cli\/\d+\.\d+\.\d+ /);
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  });

  it('the README stays a first screen (under 5 KB) and no page tells anyone to run `npx openclaw`', () => {
    assert.ok(Buffer.byteLength(readme) < 5 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
    for (const file of markdownFiles()) assert.doesNotMatch(readFileSync(file, 'utf8'), /npx openclaw/, relative(ROOT, file));
  });

  it('every relative link in README, RELIABILITY and docs/ points at a file that exists', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue;
        try {
          statSync(resolve(dirname(file), target));
        } catch {
          broken.push(`${relative(ROOT, file)} → ${target}`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });
});
