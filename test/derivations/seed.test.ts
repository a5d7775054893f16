/**
 * The derivations of the real seed: `check(examples/homework1.hw)` rendered
 * by the pure functions. Expected values are the oracle's
 * (seed/homework1-oracle.json, computed with PyTorch autograd).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { check } from '../../src/core';
import type { StatementModel } from '../../src/core/model';
import { backwardTable, renderDocument, renderMarkdown } from '../../src/derivations';

const seedPath = join(__dirname, '..', '..', '..', 'examples', 'homework1.hw');
const model = check(readFileSync(seedPath, 'utf8')).document;
const rendered = renderDocument(model);
const statements = model.problems
  .flatMap((p) => p.questions.flatMap((q) => q.items))
  .filter((i): i is StatementModel => i.kind === 'statement');

/** Numbers of a KaTeX fragment, read from its MathML (KaTeX writes minus as U+2212). */
function numbersIn(html: string): number[] {
  return [...html.matchAll(/(<mo>−<\/mo>)?<mn>([^<]+)<\/mn>/g)].map((m) => (m[1] ? -1 : 1) * Number(m[2]));
}

test('the seed renders with no KaTeX error', () => {
  assert.ok(rendered.parts.length > 50);
  const failed = rendered.parts.filter((part) => part.html.includes('katex-error'));
  assert.deepEqual(
    failed.map((part) => part.key),
    [],
  );
});

test('the seed: -46 is marked inside the stated ∂L/∂W2, with the true value -96 beside it', () => {
  const part = rendered.parts.find((p) =>
    /class="enclosing hw-wrong-entry"><span class="mord">−<\/span><span class="mord">46<\/span>/.test(p.html),
  );
  assert.ok(part, 'the -46 is marked in place');
  const verdict = /<li class="hw-verdict hw-v-wrong"[\s\S]*?<\/li>/.exec(part.html)?.[0] ?? '';
  assert.match(verdict, /entry \(2, 2\)/);
  const expected = /class="hw-expected">([\s\S]*?)<\/span><\/li>/.exec(verdict)?.[1] ?? '';
  assert.deepEqual(numbersIn(expected), [16, 64, 72, -24, -96, -108]);
  assert.match(renderMarkdown(model), /\\textcolor\{red\}\{\\boxed\{-46\}\}/);
});

test("the seed's backward pass for ∂L/∂W1 goes node by node back to W1 with the oracle's values", () => {
  const pass = statements.flatMap((s) => s.backward).find((p) => p.of === 'L' && p.wrt === 'W1');
  assert.ok(pass, 'a backward pass of ∂L/∂W1');
  const html = backwardTable(pass);
  const nodes = [...html.matchAll(/<tr data-node="([^"]+)">/g)].map((m) => m[1]);
  assert.equal(nodes[nodes.length - 1], 'W1');
  for (const node of ['yhat', 'a3', 'z2', 'a2', 'z1', 'a1']) assert.ok(nodes.includes(node), `row for ${node}`);
  const value = (node: string): number[] =>
    numbersIn(
      /<td class="hw-gradient-value">([\s\S]*?)<\/td>/.exec(
        new RegExp(`<tr data-node="${node}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '',
      )?.[1] ?? '',
    );
  assert.deepEqual(value('W1'), [32, 16, 24, 12, -8, -4]);
  assert.deepEqual(value('a1'), [16, 12, -4]);
  assert.deepEqual(value('z1'), [16, 12, -4]);
  assert.deepEqual(value('a2'), [8, -12]);
  assert.deepEqual(value('yhat'), [-4]);
});
