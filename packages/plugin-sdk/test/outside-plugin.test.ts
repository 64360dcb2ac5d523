import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLUGIN_API_VERSION } from '@clawport/core';
import { CLAWPORT_BIN, REPO, installOffline, outsideEnv, packTarballs, run, runOk } from './helpers/pack.js';

/**
 * The SDK as a plugin author outside this repo gets it: `npm pack`ed, installed offline from the
 * tarballs alone into a temp dir, a scaffolded TypeScript plugin built against it, and the scaffold's
 * own test run, which starts the real `clawport` gateway with the plugin.
 */
describe('@clawport/plugin-sdk from its tarball: an outside plugin builds and a real gateway loads it', function () {
  this.timeout(600_000); // npm pack + an offline install + tsc + the scaffold's gateway test, on a loaded 2-core box
  let work: string;
  let project: string;
  let tarballs: Record<string, string>;
  let packDir: string;

  before(async () => {
    ({ dir: packDir, tarballs } = await packTarballs());
    work = await mkdtemp(join(tmpdir(), 'clawport-outside-'));
    const r = await runOk(process.execPath, [CLAWPORT_BIN, 'plugins', 'new', 'webhook', '--sdk', `file:${tarballs['@clawport/plugin-sdk']}`, '--json'], work, outsideEnv({ OPENCLAW_HOME: work }));
    project = (JSON.parse(r.stdout) as { dir: string }).dir;
    await installOffline(project, Object.values(tarballs), join(work, '.npm-cache'));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
    await rm(packDir, { recursive: true, force: true });
  });

  it('is publishable: not private, major version = PLUGIN_API_VERSION, no path to the private core', async () => {
    const pkg = JSON.parse(await readFile(join(project, 'node_modules', '@clawport', 'plugin-sdk', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(pkg.private, undefined);
    assert.equal(Number(String(pkg.version).split('.')[0]), PLUGIN_API_VERSION, 'the compatibility rule: SDK major = plugin API version');
    assert.deepEqual(Object.keys(pkg.dependencies as object).sort(), ['json5', 'zod']);
    const core = JSON.parse(await readFile(join(REPO, 'packages', 'core', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.deepEqual(pkg.dependencies, { json5: core.dependencies.json5, zod: core.dependencies.zod }, 'the SDK pins the host’s zod, so author and host agree on one schema library');
    const dist = join(project, 'node_modules', '@clawport', 'plugin-sdk', 'dist');
    const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'));
    for (const f of files) assert.doesNotMatch(await readFile(join(dist, f), 'utf8'), /['"]@clawport\/core/, f);
  });

  it('resolves every module from the temp dir, none through the repo', async () => {
    for (const name of ['@clawport/plugin-sdk', 'zod', 'typescript']) {
      const real = await realpath(join(project, 'node_modules', name));
      assert.ok(real.startsWith(await realpath(project)), `${name} resolves to ${real}`);
    }
    assert.ok(!(await realpath(project)).startsWith(REPO));
  });

  it('builds with tsc against the SDK’s types and its shipped tsconfig', async () => {
    await runOk('npm', ['run', 'build'], project);
    assert.match(await readFile(join(project, 'dist', 'index.js'), 'utf8'), /from '@clawport\/plugin-sdk'/);
  });

  it('passes its own test: a real gateway serves it, gateway call reaches its method, doctor and config set know its section, its secret field is never printed', async () => {
    const r = await run('npm', ['test'], project, outsideEnv({ CLAWPORT_BIN }));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /# pass 6\n/);
  });

  it("runs the author's guide, section 1, as written: the commands after the install load the plugin into a profile", async function () {
    // The guide's second block (docs/how-to/write-a-plugin.md) is marked "not run" by the doc runner because
    // `npm install` needs the registry; here it runs against the offline install above, line by line, so
    // the guide fails this test when it goes stale.
    const guide = await readFile(join(REPO, 'docs', 'how-to', 'write-a-plugin.md'), 'utf8');
    const section = guide.slice(guide.indexOf('## 1.'), guide.indexOf('## 2.'));
    const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean));
    assert.equal(blocks.length, 2, 'section 1 has the scaffold block and the install-and-load block');
    assert.ok(blocks[0].includes('clawport plugins new webhook'), 'the scaffold command this test ran (with --sdk pointing at the tarball)');
    const [cd, install, ...rest] = blocks[1];
    assert.equal(cd, 'cd ~/src/webhook');
    assert.equal(install, 'npm install && npm run build && npm test', 'install, build and test: the other tests of this file do each');
    const bin = join(work, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'clawport'), `#!/bin/sh\nexec "${process.execPath}" "${CLAWPORT_BIN}" "$@"\n`, { mode: 0o755 });
    const home = join(work, 'guide-home');
    await mkdir(home, { recursive: true });
    const env = outsideEnv({ PATH: `${bin}:${process.env.PATH}`, OPENCLAW_HOME: home });
    // The guide's reader has a main profile (the tutorial's); here on a base port of the suite's own.
    await runOk('clawport', ['--profile', 'main', 'setup', '--port', '25700'], project, env);
    let gateway: ChildProcess | undefined;
    try {
      for (const line of rest) {
        if (/ gateway$/.test(line)) {
          gateway = spawn('sh', ['-c', `exec ${line}`], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          await new Promise<void>((resolve, reject) => {
            const seen = (d: Buffer) => ((out += d.toString()), /listening on ws:\/\//.test(out) && resolve());
            gateway!.stdout!.on('data', seen);
            gateway!.stderr!.on('data', seen);
            gateway!.once('exit', (code) => reject(new Error(`${line} exited ${code}:\n${out}`)));
          });
          assert.match(out, /webhook 25706/, 'its port in the "listening on" line');
          continue;
        }
        const r = await run('sh', ['-c', line], project, env);
        assert.equal(r.code, 0, `${line}\n${r.stdout}${r.stderr}`);
        if (/ ports$/.test(line)) assert.match(r.stdout, /^webhook\s+25706\s+loopback\s+webhook\s/m, 'lists: webhook at base+6, owner webhook');
        if (/gateway call webhook\.ping --json$/.test(line)) assert.equal((JSON.parse(r.stdout) as { pong: boolean }).pong, true);
      }
      assert.ok(gateway, 'the guide starts the gateway');
    } finally {
      if (gateway && gateway.exitCode === null) await new Promise((r) => gateway!.once('exit', r).kill('SIGTERM'));
    }
  });
});
