// The desktop route: @vscode/test-electron runs the same suite in VS Code desktop. It downloads VS Code
// unless VSCODE_EXECUTABLE points at an installed one (this project's machines cannot download it and
// use tools/vscode-harness instead, see test/run.sh). Screenshots need the harness driver, so this
// route says so explicitly (EXT_TEST_NO_SHOTS=1) instead of waiting for a driver that is not there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = path.resolve(__dirname, '../..');
  const home = mkdtempSync(path.join(tmpdir(), 'clawport-vscode-home.'));
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || undefined;
  try {
    const code = await runTests({
      extensionDevelopmentPath,
      extensionTestsPath: path.resolve(__dirname, 'suite/index'),
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
      launchArgs: ['--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust'],
      extensionTestsEnv: {
        OPENCLAW_HOME: home,
        EXT_TEST_NO_SHOTS: '1',
        EXT_TEST_RESULTS_DIR: path.join(extensionDevelopmentPath, 'test-results', 'electron'),
      },
    });
    process.exitCode = code;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`test-electron: ${(e as Error).message} (set VSCODE_EXECUTABLE to an installed VS Code, or use test/run.sh)`);
  process.exit(1);
});
