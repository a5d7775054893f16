/**
 * The harness's own smoke suite: proves that runSuite runs a suite in the
 * real extension host and reports its exit code. Same run() contract as the
 * real suite (test/suite/index.ts). HW_SMOKE_FAIL=1 makes one assertion
 * fail, to prove that a failure gives exit code 1.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const checks: Array<[string, () => void]> = [
    ['vscode.version is a version string', () => assert.match(vscode.version, /^\d+\.\d+\.\d+/)],
    [
      'the fixture workspace is open and its path reached the extension host',
      () => {
        const expected = process.env.HW_FIXTURE_WORKSPACE;
        assert.ok(expected, 'HW_FIXTURE_WORKSPACE is not set in the extension host');
        assert.strictEqual(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, expected);
      },
    ],
    [
      'the extension under development is loaded',
      () => assert.ok(vscode.extensions.getExtension('homework-checker.homework-checker'), 'extension not found'),
    ],
  ];
  if (process.env.HW_SMOKE_FAIL === '1') {
    checks.push(['a deliberately failing assertion (HW_SMOKE_FAIL=1)', () => assert.strictEqual(1, 2)]);
  }
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      check();
      console.log(`  ✓ ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(`smoke: ${checks.length - failed} passed, ${failed} failed`);
  if (failed > 0) {
    throw new Error(`${failed} smoke check(s) failed`);
  }
}
