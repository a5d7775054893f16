import test from 'node:test';
import assert from 'node:assert/strict';
import { erf, erfc, standardNormalCdf, standardNormalPdf } from '../../../src/core/solvers/special';
import { assertClose } from './finiteDifference';
import { input, oracle } from './oracle';

test("the standard normal CDF and density: PyTorch's values, tails to relative precision", () => {
  const tails = oracle('normal_cdf_tails');
  const xs = Array.from(input(tails, 'x').data);
  xs.forEach((x, i) => {
    const expected = tails.output[i][0];
    assert.ok(
      Math.abs(standardNormalCdf(x) - expected) <= 1e-12 * expected,
      `Φ(${x}) = ${standardNormalCdf(x)}, expected ${expected}`,
    );
  });
  const pdf = oracle('normal_pdf_standard');
  xs.forEach((x, i) => assertClose(standardNormalPdf(x), pdf.output[i][0], 1e-13));
});

test('erf and erfc: odd, complementary, and continuous where the method changes', () => {
  for (const x of [0.1, 1, 2.4, 2.5, 3.7]) {
    assertClose(erf(-x), -erf(x), 1e-16);
    assertClose(erf(x) + erfc(x), 1, 1e-15);
  }
  assertClose(erf(2.5 - 1e-9), erf(2.5), 1e-9);
  // Hand value: erf(1) = 0.8427007929497149 (Abramowitz and Stegun, table 7.1).
  assertClose(erf(1), 0.8427007929497149, 1e-15);
  assert.ok(erfc(6) > 0 && erfc(6) < 3e-17);
});
