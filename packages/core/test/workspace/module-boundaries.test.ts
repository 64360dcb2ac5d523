import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { CORE_DIR } from '../helpers/child.js';

/**
 * The root eslint config enforces the dependency direction with @nx/enforce-module-boundaries and the
 * tags in each package.json. A rule that never fires would look the same as one that works, so this
 * lints probe sources (in memory, nothing written) as if they sat in each project, and expects refusals.
 * Type information is switched off for the probes: the boundary rule does not need it.
 */
const ROOT = join(CORE_DIR, '..', '..');

async function boundaryErrors(file: string, imports: string[]): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: [{ languageOptions: { parserOptions: { projectService: false, project: null } } }, tseslint.configs.disableTypeChecked],
  });
  const code = `${imports.map((i) => `import '${i}';`).join('\n')}\nexport const probe = 1;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => `${m.line}: ${m.message.split('\n')[0]}`);
}

describe('workspace: module boundaries are enforced by lint', function () {
  this.timeout(60_000);

  const refused: Array<[string, string, string, RegExp]> = [
    ['core imports nothing internal (cli)', 'packages/core/src/probe.ts', '@clawport/cli', /^1: Circular dependency between "@clawport\/core" and "@clawport\/cli"/],
    ['core imports nothing internal (gateway)', 'packages/core/src/probe.ts', '@clawport/gateway', /^1: Circular dependency between "@clawport\/core" and "@clawport\/gateway"/],
    ['browser may not import gateway', 'packages/browser/src/probe.ts', '@clawport/gateway', /^1: A project tagged with "scope:browser" can only depend on libs tagged with "scope:core"$/],
    ['the extension may not import cli', 'apps/vscode/src/probe.ts', '@clawport/cli', /^1: A project tagged with "scope:vscode" can only depend on libs tagged with "scope:core", "scope:gateway"$/],
    ['tools may not import cli', 'tools/bench/src/probe.ts', '@clawport/cli', /^1: A project tagged with "scope:tools" can only depend on libs tagged with "scope:core", "scope:gateway", "scope:browser"$/],
  ];
  for (const [name, file, imported, expected] of refused) {
    it(`refused: ${name}`, async () => {
      const errors = await boundaryErrors(file, [imported]);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], expected);
    });
  }

  it('allowed: gateway and the extension import core', async () => {
    assert.deepEqual(await boundaryErrors('packages/gateway/src/probe.ts', ['@clawport/core']), []);
    assert.deepEqual(await boundaryErrors('apps/vscode/src/probe.ts', ['@clawport/core', '@clawport/gateway']), []);
  });

  /** Errors of core's purity rule (no-restricted-imports) for a probe file importing `imports`. */
  async function purityErrors(file: string, imports: string[]): Promise<string[]> {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: [{ languageOptions: { parserOptions: { projectService: false, project: null } } }, tseslint.configs.disableTypeChecked],
    });
    const code = `${imports.map((i) => `import '${i}';`).join('\n')}\nexport const probe = 1;\n`;
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${m.line}`);
  }

  const io = ['node:os', 'os', 'node:https', 'node:dgram', 'node:dns', 'node:dns/promises', 'node:worker_threads', 'node:fs', 'node:fs/promises', 'node:net', 'node:child_process', 'node:http', 'node:http2', 'node:tls', 'node:cluster', 'node:readline', 'node:process'];
  it(`core outside src/node may import no IO builtin (${io.length} probes, each refused)`, async () => {
    const errors = await purityErrors('packages/core/src/probe.ts', io);
    assert.deepEqual(errors, io.map((_, i) => String(i + 1)));
  });

  it('core may import pure builtins; src/node may import IO', async () => {
    assert.deepEqual(await purityErrors('packages/core/src/probe.ts', ['node:crypto', 'node:path', 'node:url', 'node:util']), []);
    assert.deepEqual(await purityErrors('packages/core/src/node/probe.ts', io), []);
  });
});
