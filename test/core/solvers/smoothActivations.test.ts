import test from 'node:test';
import { elu, gelu, silu, softplus } from '../../../src/core/solvers/smoothActivations';
import { Matrix } from '../../../src/core/values/value';
import { assertMatrixClose, checkBackward, numericGradient, prng, randomMatrix, asMatrix } from './finiteDifference';
import { input, oracle, oracleNumber } from './oracle';

test("gelu, softplus, elu, silu: torch.nn.functional's values", () => {
  for (const [name, builtin] of [
    ['gelu', gelu],
    ['softplus', softplus],
    ['elu', elu],
    ['silu', silu],
  ] as const) {
    const c = oracle(name);
    assertMatrixClose(builtin.forward([input(c, 'x')]), c.output, 1e-14);
  }
  const a = oracle('elu_alpha');
  assertMatrixClose(elu.forward([input(a, 'x'), Matrix.scalar(oracleNumber(a, 'alpha'))]), a.output, 1e-14);
});

test('backward and primes against central finite differences', () => {
  const rand = prng(71);
  for (const builtin of [gelu, softplus, silu]) {
    const x = randomMatrix(rand, 2, 3);
    checkBackward(builtin, [x], rand);
    const prime = asMatrix(builtin.derivative!([x]));
    const numeric = numericGradient((args) => asMatrix(builtin.forward(args)).data.reduce((s, v) => s + v, 0), [x], 0);
    assertMatrixClose(prime, numeric, 1e-6);
  }
  checkBackward(elu, [randomMatrix(rand, 2, 3), Matrix.scalar(0.7)], rand);
});
