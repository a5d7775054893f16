import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { HomeworkChecker } from '../../src/core';
import { layoutDocument, LayoutCache, placements } from '../../src/derivations';

const SEED = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'homework1.hw'), 'utf8');

test('a layout cache across re-checks gives the page a fresh layout gives, after edits above, inside and below', () => {
  const checker = new HomeworkChecker();
  const layouts = new LayoutCache();
  const problem2 = SEED.indexOf('\nproblem 2');
  assert.ok(problem2 > 0);
  const versions = [
    SEED,
    SEED.slice(0, problem2) + '\n# a comment that moves every later problem' + SEED.slice(problem2),
    SEED.slice(0, problem2) + '\ntk1 = 2 + 3 = 6' + SEED.slice(problem2),
    SEED + '\ntk2 = 1 + 1 = 2\n',
    '\n' + SEED,
  ];
  for (const text of versions) {
    const model = checker.check(text).document;
    const cached = placements(layoutDocument(model, { layouts }));
    const fresh = placements(layoutDocument(model));
    assert.deepEqual(cached, fresh);
    const parts = layoutDocument(model, { layouts });
    const freshParts = layoutDocument(model);
    for (let i = 0; i < parts.length; i += 7) assert.equal(parts[i].render(), freshParts[i].render());
  }
});
