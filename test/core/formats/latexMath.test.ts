/**
 * The LaTeX math reader: what each student notation becomes in the syntax
 * tree, with spans into the document. Values in the claims are computed by
 * hand in the comments.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readLatexMath } from '../../../src/core/formats/latexMath';
import type { Expr } from '../../../src/core/syntax/ast';

function read(math: string) {
  const text = `$${math}$`;
  return { text, pieces: readLatexMath(text, 1, text.length - 1) };
}

function written(text: string, e: Expr | undefined): string {
  assert.ok(e);
  return text.slice(e.span.start, e.span.end);
}

test('a pmatrix is a matrix whose entries have their own spans', () => {
  const { text, pieces } = read('\\begin{pmatrix} 16 & 64 \\\\ -24 & -46 \\end{pmatrix}');
  const e = pieces[0].links[0].expr!;
  assert.equal(e.kind, 'matrix');
  if (e.kind !== 'matrix') return;
  assert.equal(e.rows.length, 2);
  assert.equal(written(text, e.rows[1][1]), '-46');
});

test('\\begin{array}{cc} is a matrix; its column layout is skipped', () => {
  const e = read('\\left( \\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array} \\right)').pieces[0].links[0].expr!;
  assert.equal(e.kind, 'paren');
  if (e.kind === 'paren') assert.equal(e.inner.kind, 'matrix');
});

test('row vectors written (-2 \\ 3) and [-2 \\ 3] are 1×2 matrices; (8-10) stays a parenthesis', () => {
  for (const src of ['(-2 \\ 3)', '[-2 \\ 3]']) {
    const e = read(src).pieces[0].links[0].expr!;
    assert.equal(e.kind, 'matrix', src);
    if (e.kind === 'matrix') assert.equal(e.rows[0].length, 2);
  }
  assert.equal(read('(8-10)').pieces[0].links[0].expr!.kind, 'paren');
});

test('names: layer indices, subscripts, hats and Greek letters', () => {
  const names = (src: string) => {
    const e = read(src).pieces[0].links[0].expr!;
    return e.kind === 'name' ? e.name : e.kind;
  };
  assert.equal(names('w^{(1)}'), 'w^(1)');
  assert.equal(names('W^{[2]}'), 'W^[2]');
  assert.equal(names('W_1'), 'W_1');
  assert.equal(names('z_{2j}'), 'z_2j');
  assert.equal(names('\\hat{y}'), 'y\u0302');
  assert.equal(names('\\lambda'), 'λ');
  assert.equal(names('W^{(1)}_{\\text{new}}'), 'W^(1)_new');
  assert.equal(names('L_{\\text{new}}'), 'L_new');
});

test('transposes: ^T, ^\\top, ^{\\intercal}', () => {
  for (const src of ['x^T', 'x^\\top', 'x^{\\intercal}', 'x^{T}']) {
    assert.equal(read(src).pieces[0].links[0].expr!.kind, 'transpose', src);
  }
});

test('\\frac of ∂ is a derivative; any other \\frac is a division with its parentheses', () => {
  const d = read('\\frac{\\partial L}{\\partial w^{(3)}}').pieces[0].links[0].expr!;
  assert.equal(d.kind, 'derivative');
  if (d.kind === 'derivative') assert.deepEqual([d.of.name, d.wrt.name], ['L', 'w^(3)']);
  const q = read('\\frac{39+1}{2}').pieces[0].links[0].expr!;
  assert.equal(q.kind, 'binary');
  if (q.kind === 'binary') {
    assert.equal(q.op, 'div');
    assert.equal(q.left.kind, 'paren');
  }
});

test('1+3+\\dots+39 is the sum of the range 1:2:39', () => {
  const e = read('1+3+\\dots+39').pieces[0].links[0].expr!;
  assert.equal(e.kind, 'call');
  if (e.kind !== 'call') return;
  assert.equal(e.callee.name, 'sum');
  const r = e.args[0];
  assert.equal(r.kind, 'range');
  if (r.kind === 'range') assert.equal(r.step?.kind === 'number' ? r.step.value : undefined, 2);
});

test("functions: \\text{ReLU}'(…), \\operatorname{relu}(…), \\ln 0.95, \\max(0, x), \\sqrt{…}", () => {
  const call = (src: string) => {
    const e = read(src).pieces[0].links[0].expr!;
    assert.equal(e.kind, 'call', src);
    return e.kind === 'call' ? `${e.callee.name}${e.prime ? "'" : ''}/${e.args.length}` : '';
  };
  assert.equal(call("\\text{ReLU}'(a^{(3)})"), "relu'/1");
  assert.equal(call('\\operatorname{relu}(x)'), 'relu/1');
  assert.equal(call('\\ln 0.95'), 'ln/1');
  assert.equal(call('\\max(0, x)'), 'max/2');
  assert.equal(call('\\sqrt{16}'), 'sqrt/1');
  assert.equal(call('\\sigma(z)'), 'sigmoid/1');
});

test('pieces: \\quad, commas and \\Rightarrow separate; labels are no claims; &= continues', () => {
  const { pieces } = read('\\text{setup: } x = 1 \\quad y = 2, z = 3 \\Rightarrow w = 4');
  assert.deepEqual(
    pieces.map((p) => p.links.length),
    [2, 2, 2, 2],
  );
  const labelled = read('\\textcircled{1} \\ell=3: a = 1').pieces;
  assert.deepEqual(
    labelled.map((p) => p.label),
    [true, false],
  );
  const aligned = read('\\begin{aligned} a &= 1 + 1 \\\\ &= 2 \\end{aligned}').pieces;
  assert.equal(aligned.length, 1);
  assert.equal(aligned[0].links.length, 3);
});

test('units written as text after a number are left out; thousands separators are read', () => {
  const { pieces } = read('3000 \\text{ epoch} \\times 2 \\text{ min} = 6000 \\text{ min}');
  assert.equal(pieces.length, 1);
  assert.ok(pieces[0].unitsDropped);
  assert.equal(pieces[0].links.length, 2);
  const n = read('1{,}000').pieces[0].links[0].expr!;
  assert.equal(n.kind === 'number' ? n.value : undefined, 1000);
  // `1,000` without a blank is one number; `1, 000` and `f(0,100)` are not merged.
  const plain = read('n = 1,000').pieces;
  assert.equal(plain.length, 1);
  const value = plain[0].links[1].expr!;
  assert.equal(value.kind === 'number' ? value.value : undefined, 1000);
  assert.equal(read('1, 000').pieces.length, 2);
  // A unit left out takes its power with it: `5 \text{ px}^2 = 5`.
  const area = read('5 \\text{ px}^2 = 5').pieces[0];
  assert.equal(area.links.length, 2);
  assert.equal(area.links[0].expr!.kind, 'number');
  // A unit mathjs knows is kept, with its power: `5 \text{ cm}^2` is 5·cm².
  const kept = read('5 \\text{ cm}^2').pieces[0];
  assert.equal(kept.links[0].expr!.kind, 'binary');
  assert.equal(kept.unitStarts.length, 1);
});

test('what the reader cannot read is a link without expression and a reason, never a throw', () => {
  const { pieces } = read('x = \\sum_{i=1}^n i = 3');
  const links = pieces[0].links;
  assert.equal(links.length, 3);
  assert.equal(links[1].expr, undefined);
  assert.match(links[1].reason!, /\\sum/);
  assert.ok(links[2].expr);
  for (const junk of ['\\frac{', '\\begin{pmatrix} 1 &', '((((', '}}}', '\\', '^^^', '\\left( x', '$']) {
    assert.doesNotThrow(() => readLatexMath(junk, 0, junk.length), junk);
  }
});

test('deep nesting is set aside, not a stack overflow', () => {
  const deep = '('.repeat(5000) + '1' + ')'.repeat(5000);
  const pieces = readLatexMath(deep, 0, deep.length);
  assert.equal(pieces[0].links[0].expr, undefined);
});
