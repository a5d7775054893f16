/**
 * The same suite through `@vscode/test-electron`, for contributors with a
 * desktop VS Code (it downloads one, which these CI machines cannot):
 *
 *   npm run test:electron   (builds, compiles the tests, then runs this file)
 *
 * It copies examples/homework1.hw into a temporary fixture workspace, as the
 * code-server harness (test/e2e/) does, and calls the same `run()`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // This file compiles to out/test/suite/.
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-fixture-'));
  fs.copyFileSync(path.join(repoRoot, 'examples', 'homework1.hw'), path.join(workspace, 'homework1.hw'));
  fs.copyFileSync(
    path.join(repoRoot, 'test', 'fixtures', 'homework1-solution.md'),
    path.join(workspace, 'homework1-solution.md'),
  );
  fs.writeFileSync(path.join(workspace, 'README.md'), '# Notes\n\nNot homework: $2 + 2 = 5$ stays unflagged.\n');
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: { HW_FIXTURE_WORKSPACE: workspace },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
