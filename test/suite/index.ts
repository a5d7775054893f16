/**
 * The in-VS Code test suite's entry point, the contract both
 * `@vscode/test-electron` and the code-server harness (test/e2e/) call:
 * `run()` runs mocha over the compiled `*.suite.js` files beside it.
 *
 * Suite files are named `*.suite.ts`, not `*.test.ts`, so that the plain node
 * test run (`out/test/**\/*.test.js`) never loads them: they need `vscode`.
 */
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as util from 'util';

export async function run(): Promise<void> {
  // Reporters log printf-style (`'%s) %s', n, title`); a harness that forwards
  // console arguments as they are would show the placeholders, so format here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(util.format(...args));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const suiteFiles = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.suite.js'))
    .sort();
  for (const file of suiteFiles) mocha.addFile(path.join(__dirname, file));
  if (suiteFiles.length === 0) throw new Error(`no *.suite.js files in ${__dirname}`);

  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
