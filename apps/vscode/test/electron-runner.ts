// The desktop route: @vscode/test-electron runs the same suite in VS Code desktop. It downloads VS Code
// unless VSCODE_EXECUTABLE points at an installed one (this project's machines cannot download it; they
// use tools/vscode-harness instead, see test/run.sh).
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = path.resolve(__dirname, '../..');
  const extensionTestsPath = path.resolve(__dirname, 'suite/index');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || undefined;
  const code = await runTests({
    extensionDevelopmentPath,
    extensionTestsPath,
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
    launchArgs: ['--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('EXT_TEST_') || k === 'OPENCLAW_HOME')),
  });
  process.exit(code);
}

main().catch((e) => {
  console.error(`test-electron: ${(e as Error).message}`);
  process.exit(1);
});
