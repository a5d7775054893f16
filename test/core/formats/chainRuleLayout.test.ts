/**
 * Chain rules written with `\cdot` between derivatives, in numerator or denominator layout: judged in the one
 * layout that fits, never guessed when none or both fit.
 *
 * The network of these tests, by hand: x = (1, 2)ᵀ, W = [1 2; 3 4; 5 6], z = W x = (5, 11, 17)ᵀ, L = zᵀz = 435.
 * ∂L/∂z = 2z = (10, 22, 34)ᵀ; ∂z/∂x = W (3×2, numerator layout); ∂L/∂x = Wᵀ (2z) = (1·10 + 3·22 + 5·34,
 * 2·10 + 4·22 + 6·34)ᵀ = (246, 312)ᵀ.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkSource, type LinkModel } from '../../../src/core';
import { onlyLayout, type Factor } from '../../../src/core/formats/chainRuleLayout';
import type { DerivativeExpr } from '../../../src/core/syntax/ast';

const SETUP =
  'Problem 1\n\n' +
  '$$x = \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} \\quad ' +
  'W = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\\\ 5 & 6 \\end{pmatrix}$$\n\n' +
  '$$z = W x = \\begin{pmatrix} 5 \\\\ 11 \\\\ 17 \\end{pmatrix}$$\n\n' +
  '$$L = z^T z = 435$$\n\n';

function links(text: string): LinkModel[] {
  const r = checkSource(text, 'markdown');
  return r.document.problems.flatMap((p) =>
    p.questions.flatMap((q) => q.items.flatMap((i) => (i.kind === 'statement' ? i.links : []))),
  );
}

function linkAt(text: string, written: string): LinkModel {
  const start = text.indexOf(written);
  const link = links(text).find((l) => l.span.start <= start && l.span.end >= start + written.length);
  assert.ok(link, `a link holds ${written}`);
  return link;
}

test('numerator layout: ∂L/∂z · ∂z/∂x is judged as (∂L/∂z)ᵀ ∂z/∂x, turned back into a column', () => {
  const product = '\\frac{\\partial L}{\\partial z} \\cdot \\frac{\\partial z}{\\partial x}';
  const text =
    SETUP + `$$\\frac{\\partial L}{\\partial x} = ${product} = \\begin{pmatrix} 246 \\\\ 312 \\end{pmatrix}$$\n`;
  const r = checkSource(text, 'markdown');
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
    [],
  );
  assert.deepEqual(
    r.diagnostics.filter((d) => d.code === 'source.not-checked'),
    [],
  );
  const link = linkAt(text, product);
  assert.equal(link.verdict, 'right');
  assert.deepEqual(link.value?.shape, [2, 1]);
  assert.deepEqual(link.value?.entries, [246, 312]);
});

test('denominator layout: ∂z/∂x · ∂L/∂z is judged as (∂z/∂x)ᵀ ∂L/∂z', () => {
  const product = '\\frac{\\partial z}{\\partial x} \\frac{\\partial L}{\\partial z}';
  const text =
    SETUP + `$$\\frac{\\partial L}{\\partial x} = ${product} = \\begin{pmatrix} 246 \\\\ 312 \\end{pmatrix}$$\n`;
  const link = linkAt(text, product);
  assert.equal(link.verdict, 'right');
  assert.deepEqual(link.value?.entries, [246, 312]);
  assert.deepEqual(
    checkSource(text, 'markdown').diagnostics.filter((d) => d.severity !== 'info'),
    [],
  );
});

test('a wrong number after a chain rule read in its layout is still the error it is', () => {
  const text =
    SETUP +
    '$$\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial z} \\cdot \\frac{\\partial z}{\\partial x}' +
    ' = \\begin{pmatrix} 246 \\\\ 300 \\end{pmatrix}$$\n';
  const serious = checkSource(text, 'markdown').diagnostics.filter((d) => d.severity !== 'info');
  assert.equal(serious.length, 1);
  assert.equal(text.slice(serious[0].span.start, serious[0].span.end), '300');
});

test('a product of derivatives that is no chain (∂L/∂z · ∂x/∂z) stays not checked', () => {
  const text =
    SETUP +
    '$$\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial z} \\cdot \\frac{\\partial x}{\\partial z}$$\n';
  const r = checkSource(text, 'markdown');
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity !== 'info'),
    [],
  );
  assert.ok(r.diagnostics.some((d) => d.code === 'source.not-checked'));
});

const factor = (of: string, wrt: string, ofSize: number, wrtSize: number): Factor => {
  const span = { start: 0, end: 0 };
  const expr: DerivativeExpr = {
    kind: 'derivative',
    span,
    of: { kind: 'name', span, name: of },
    wrt: { kind: 'name', span, name: wrt },
    spelling: 'partial',
  };
  return { expr, of: ofSize, wrt: wrtSize };
};

test('the layout is chosen only when exactly one fits', () => {
  // L scalar, z 3, x 2: as written 3×1 · 3×2 does not fit; numerator 1×3 · 3×2 does.
  assert.equal(onlyLayout([factor('L', 'z', 1, 3), factor('z', 'x', 3, 2)]), 'numerator');
  // Reversed order: as written 3×2 · 3×1 does not fit; denominator 2×3 · 3×1 does.
  assert.equal(onlyLayout([factor('z', 'x', 3, 2), factor('L', 'z', 1, 3)]), 'denominator');
  // Fits as written (a diagonal Jacobian after a row gradient cannot be told apart): left as written.
  assert.equal(onlyLayout([factor('L', 'z', 1, 1), factor('z', 'x', 1, 1)]), undefined);
  // Chained both ways (a scalar a, a 3-vector b): numerator 1×3 · 3×1 and denominator 3×1 · 1×3 both fit.
  assert.equal(onlyLayout([factor('a', 'b', 1, 3), factor('b', 'a', 3, 1)]), undefined);
  // Not chained by names: never read.
  assert.equal(onlyLayout([factor('L', 'z', 1, 3), factor('x', 'z', 2, 3)]), undefined);
});
