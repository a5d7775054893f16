import test from 'node:test';
import assert from 'node:assert/strict';
import { bernoulliPmf, binomialPmf, normalCdf, normalPdf } from '../../../src/core/solvers/distributions';
import { DomainError } from '../../../src/core/values/errors';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, prng } from './finiteDifference';
import { input, oracle, oracleNumber } from './oracle';

const s = (x: number): Matrix => Matrix.scalar(x);

test("normal_pdf and normal_cdf: PyTorch's Normal(μ, σ)", () => {
  for (const [name, builtin] of [
    ['normal_pdf', normalPdf],
    ['normal_cdf', normalCdf],
  ] as const) {
    const c = oracle(name);
    const args = [input(c, 'x'), s(oracleNumber(c, 'mu')), s(oracleNumber(c, 'sigma'))];
    assertMatrixClose(builtin.forward(args), c.output, 1e-13);
  }
});

test("binomial_pmf and bernoulli_pmf: PyTorch's distributions", () => {
  const b = oracle('binomial_pmf');
  assertMatrixClose(
    binomialPmf.forward([input(b, 'k'), s(oracleNumber(b, 'n')), s(oracleNumber(b, 'p'))]),
    b.output,
    1e-13,
  );
  const c = oracle('bernoulli_pmf');
  assertMatrixClose(bernoulliPmf.forward([input(c, 'k'), s(oracleNumber(c, 'p'))]), c.output, 1e-15);
  // At p = 0 and 1 the pmf is exact (0⁰ = 1).
  assertMatrixClose(binomialPmf.forward([Matrix.fromRows([[0, 3]]), s(3), s(0)]), [[1, 0]], 0);
});

test('guards: sigma ≤ 0, p outside [0, 1], k not a count', () => {
  assert.throws(() => normalPdf.forward([s(0), s(0), s(0)]), DomainError);
  assert.throws(() => binomialPmf.forward([s(2), s(3), s(1.5)]), DomainError);
  assert.throws(() => binomialPmf.forward([s(4), s(3), s(0.5)]), DomainError);
  assert.throws(() => binomialPmf.forward([s(1.5), s(3), s(0.5)]), DomainError);
  assert.throws(() => bernoulliPmf.forward([s(2), s(0.5)]), DomainError);
});

test('backward against central finite differences', () => {
  const rand = prng(31);
  const x = Matrix.fromRows([[-1.3], [0.2], [2.1]]);
  checkBackward(normalPdf, [x, s(0.4), s(1.7)], rand);
  checkBackward(normalCdf, [x, s(0.4), s(1.7)], rand);
  checkBackward(normalPdf, [x], rand);
  checkBackward(binomialPmf, [Matrix.fromRows([[0, 2, 5]]), s(6), s(0.35)], rand);
  checkBackward(bernoulliPmf, [Matrix.fromRows([[0, 1]]), s(0.35)], rand);
});
