import assert from 'node:assert/strict';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHome, removeHome, runCli, runJson } from '../helpers/cli.js';

/** A plugin that writes a marker file if its module is ever imported (or its claims asked for). */
const markerPlugin = (marker: string) => `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(marker)}, 'imported');
export default { apiVersion: 1, id: 'marker', claims: () => { writeFileSync(${JSON.stringify(marker)}, 'claims'); return []; } };
`;

// Issue #16.3: another instance's config (writable, e.g., by a token for that instance) must not run
// code in a read-only command. Host-wide reads show its third-party plugins as "not loaded".
describe("host-wide reads never run another instance's plugin code", () => {
  let home: string;
  let marker: string;
  before(async () => {
    home = await makeHome();
    marker = join(home, 'MARKER');
    assert.equal((await runCli(['--profile', 'main', 'setup', '--port', '23500'], home)).code, 0);
    await writeFile(join(home, 'evil.mjs'), markerPlugin(marker));
    await writeFile(join(home, '.openclaw-main', 'openclaw.json'), JSON.stringify({ gateway: { port: 23500 }, plugins: { load: ['../evil.mjs'] } }), { mode: 0o600 });
  });
  after(async () => removeHome(home));
  const noMarker = async (what: string) => assert.rejects(access(marker), `${what} imported the plugin`);

  it('status --all leaves no marker and says "plugins not loaded"', async () => {
    const status = await runJson<Array<{ name: string; pluginProblems?: string[] }>>(['status', '--all'], home);
    assert.equal(status.run.code, 0, status.run.stderr);
    assert.match(status.result[0].pluginProblems?.join('\n') ?? '', /^plugins not loaded \(\.\.\/evil\.mjs\)/);
    await noMarker('status --all');
  });

  it('ports check leaves no marker and notes the plugins as not loaded', async () => {
    const check = await runCli(['ports', 'check'], home);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /^note: main: plugins not loaded \(\.\.\/evil\.mjs\): .*clawport --profile main ports$/m);
    await noMarker('ports check');
  });

  it('profiles list leaves no marker', async () => {
    assert.equal((await runCli(['profiles', 'list'], home)).code, 0);
    await noMarker('profiles list');
  });

  it('doctor leaves no marker and reports plugins.notLoaded as info', async () => {
    const doctor = await runJson<{ findings: Array<{ check: string; severity: string }> }>(['doctor'], home);
    assert.ok(doctor.result.findings.some((f) => f.check === 'plugins.notLoaded' && f.severity === 'info'), JSON.stringify(doctor.result.findings));
    await noMarker('doctor');
  });
});
