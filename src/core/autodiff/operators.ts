/**
 * The arithmetic of the homework language, each operator's backward rule
 * right beside its forward rule (as in micrograd's `engine.py`).
 *
 * A 1×1 matrix is a scalar and scales any shape in `mul`. The element-wise
 * operators (`add`, `sub`, `hadamard`, `div`, `elementPow`, the comparisons)
 * broadcast by NumPy's rules over values of any rank (`broadcast.ts`), and
 * their gradients are summed back over the broadcast axes. The matrix
 * product, `^` and `ᵀ` are 2-D only. Quantities (numbers with units) go
 * through `forward` only; `backward` works on matrices.
 *
 * The matrix path is plain `Float64Array` loops: no mathjs, no allocation per
 * entry. Results over `MAX_MATRIX_ENTRIES` are refused before they are
 * allocated; a non-finite result from finite operands is an overflow.
 *
 *     mul.forward([1, 0; 3, 4], [2; 1])     // [2; 10]
 *     add.forward([2; 1], 10)               // [12; 11]  (scalar broadcast)
 *     mul.backward(g, A, B, out)            // [g Bᵀ, Aᵀ g]
 */
import type { BinaryOp } from '../syntax/ast';
import { DomainError, EvalError, LimitError, MAX_MATRIX_ENTRIES, ShapeError, UnitError } from '../values/errors';
import { formatNumber } from '../values/format';
import {
  addQuantities,
  divNumberByQuantity,
  divQuantities,
  mulQuantities,
  negQuantity,
  powQuantity,
  quantityUnitText,
  scaleQuantity,
  subQuantities,
} from '../values/units';
import { Matrix, Quantity, Value } from '../values/value';
import { broadcastApply, elementwiseShape, operandEntry, reduceToShape } from './broadcast';

export interface BinaryOperator {
  readonly name: BinaryOp;
  /** The operator's symbol, for messages. */
  readonly symbol: string;
  forward(a: Value, b: Value): Value;
  /** Gradients of the operands (their shapes) from the upstream gradient `g` (the output's shape). */
  backward(g: Matrix, a: Matrix, b: Matrix, out: Matrix): [Matrix | null, Matrix | null];
}

export interface UnaryOperator {
  readonly name: 'neg' | 'transpose';
  forward(a: Value): Value;
  backward(g: Matrix, a: Matrix, out: Matrix): [Matrix | null];
}

// ================================================================== helpers

/** Allocates a result, refusing one over the size limit before allocating. */
function allocate(rows: number, cols: number): Matrix {
  const entries = rows * cols;
  if (entries > MAX_MATRIX_ENTRIES) {
    throw new LimitError(
      'limit.matrix-size',
      `a ${rows}×${cols} result has ${entries} entries, over the limit of ${MAX_MATRIX_ENTRIES}`,
    );
  }
  return new Matrix(rows, cols, new Float64Array(entries));
}

export function fromScalar(x: number): Matrix {
  return Matrix.scalar(x);
}

/** `f` applied to every entry (a new matrix). */
export function elementwise(m: Matrix, f: (x: number) => number): Matrix {
  const out = new Float64Array(m.data.length);
  const src = m.data;
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return new Matrix(m.rows, m.cols, out, m.lead);
}

export function sumAll(m: Matrix): number {
  let total = 0;
  const d = m.data;
  for (let i = 0; i < d.length; i++) total += d[i];
  return total;
}

function allFinite(m: Matrix): boolean {
  const d = m.data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return false;
  return true;
}

function firstNonFinite(m: Matrix): number {
  const d = m.data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return i;
  return -1;
}

/**
 * An elementwise result with a non-finite entry from finite operands is an
 * overflow; the message shows the entry's operands (`1e308 × 10`).
 */
function checkElementwiseOverflow(out: Matrix, a: Matrix, b: Matrix, symbol: string): Matrix {
  const i = firstNonFinite(out);
  if (i < 0) return out;
  const x = operandEntry(out, a, i);
  const y = operandEntry(out, b, i);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return out;
  throw new LimitError(
    'limit.overflow',
    `overflow: ${formatNumber(x)} ${symbol} ${formatNumber(y)} is beyond double precision`,
  );
}

function checkProductOverflow(out: Matrix, a: Matrix, b: Matrix, what: string): Matrix {
  if (firstNonFinite(out) < 0 || !allFinite(a) || !allFinite(b)) return out;
  throw new LimitError('limit.overflow', `overflow: an entry of ${what} is beyond double precision`);
}

function shapeMessage(a: Matrix, b: Matrix, what: string): string {
  return `a ${a.shapeText()} and a ${b.shapeText()} matrix ${what}`;
}

/** The transpose, as a new matrix. */
function transposeMatrix(m: Matrix): Matrix {
  const out = new Float64Array(m.data.length);
  const src = m.data;
  const rows = m.rows;
  const cols = m.cols;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = src[i * cols + j];
  return new Matrix(cols, rows, out);
}

/** The matrix product (a.cols === b.rows); i-k-j order keeps the inner loop on contiguous rows. */
function matmul(a: Matrix, b: Matrix): Matrix {
  const n = a.rows;
  const inner = a.cols;
  const p = b.cols;
  const out = allocate(n, p);
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < n; i++) {
    const rowC = i * p;
    for (let k = 0; k < inner; k++) {
      const aik = A[i * inner + k];
      if (aik === 0) continue;
      const rowB = k * p;
      for (let j = 0; j < p; j++) C[rowC + j] += aik * B[rowB + j];
    }
  }
  return out;
}

function scale(m: Matrix, factor: number): Matrix {
  const out = new Float64Array(m.data.length);
  const src = m.data;
  for (let i = 0; i < src.length; i++) out[i] = src[i] * factor;
  return new Matrix(m.rows, m.cols, out, m.lead);
}

function identity(n: number): Matrix {
  const out = allocate(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
  return out;
}

const MISMATCH_VERB = {
  add: 'cannot be added',
  sub: 'cannot be subtracted',
  hadamard: 'cannot be multiplied entry by entry',
  div: 'cannot be divided entry by entry',
  epow: 'cannot be raised entry by entry',
  compare: 'cannot be compared entry by entry',
} as const;

/** The broadcast result shape of an element-wise operator (see `broadcast.ts` for the two 2-D exceptions). */
function elementwiseResult(
  op: keyof typeof MISMATCH_VERB,
  symbol: string,
  a: Matrix,
  b: Matrix,
  f: (x: number, y: number) => number,
): Matrix {
  const plain = matrixElementwise(a, b, f);
  if (plain) return plain;
  const shapeOp = op === 'epow' ? 'pow' : op === 'compare' ? 'hadamard' : op;
  const shape = elementwiseShape(
    shapeOp,
    a,
    b,
    () => `${shapeMessage(a, b, MISMATCH_VERB[op])} (${symbol} needs shapes that broadcast: a row and a column do not)`,
  );
  return broadcastApply(shape, a, b, f);
}

/**
 * The two cases of nearly every 2-D homework line, equal shapes or a scalar side, without building shape
 * lists: the same result as `broadcastApply`, undefined for anything that needs the general rule.
 */
function matrixElementwise(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix | undefined {
  if (a.isTensor || b.isTensor) return undefined;
  const A = a.data;
  const B = b.data;
  if (a.rows === b.rows && a.cols === b.cols) {
    const o = new Float64Array(A.length);
    for (let i = 0; i < o.length; i++) o[i] = f(A[i], B[i]);
    return new Matrix(a.rows, a.cols, o);
  }
  if (B.length === 1) {
    const o = new Float64Array(A.length);
    const y = B[0];
    for (let i = 0; i < o.length; i++) o[i] = f(A[i], y);
    return new Matrix(a.rows, a.cols, o);
  }
  if (A.length === 1) {
    const o = new Float64Array(B.length);
    const x = A[0];
    for (let i = 0; i < o.length; i++) o[i] = f(x, B[i]);
    return new Matrix(b.rows, b.cols, o);
  }
  return undefined;
}

function unitMismatch(message: string): never {
  throw new UnitError(message);
}

/** A quantity with a 1×1 matrix; a larger matrix with a unit is not supported. */
function scalarOf(m: Matrix, q: Quantity): number {
  if (!m.isScalar)
    unitMismatch(`a ${m.shapeText()} matrix cannot carry the unit ${quantityUnitText(q)}: only scalars have units`);
  return m.data[0];
}

// ================================================================== add

export const add: BinaryOperator = {
  name: 'add',
  symbol: '+',
  forward(a, b) {
    if (a.kind === 'quantity' || b.kind === 'quantity') {
      if (a.kind === 'quantity' && b.kind === 'quantity') return addQuantities(a, b);
      return plainWithQuantity(a, b, 'add');
    }
    return checkElementwiseOverflow(
      elementwiseResult('add', '+', a, b, (x, y) => x + y),
      a,
      b,
      '+',
    );
  },
  // ∂(a+b)/∂a = 1, ∂(a+b)/∂b = 1
  backward(g, a, b) {
    return [reduceToShape(g, a), reduceToShape(g, b)];
  },
};

function plainWithQuantity(a: Value, b: Value, verb: 'add' | 'subtract'): never {
  const q = (a.kind === 'quantity' ? a : b) as Quantity;
  return unitMismatch(`cannot ${verb} a quantity in ${quantityUnitText(q)} and a plain number`);
}

// ================================================================== sub

export const sub: BinaryOperator = {
  name: 'sub',
  symbol: '-',
  forward(a, b) {
    if (a.kind === 'quantity' || b.kind === 'quantity') {
      if (a.kind === 'quantity' && b.kind === 'quantity') return subQuantities(a, b);
      return plainWithQuantity(a, b, 'subtract');
    }
    return checkElementwiseOverflow(
      elementwiseResult('sub', '-', a, b, (x, y) => x - y),
      a,
      b,
      '-',
    );
  },
  // ∂(a−b)/∂a = 1, ∂(a−b)/∂b = −1
  backward(g, a, b) {
    return [reduceToShape(g, a), reduceToShape(scale(g, -1), b)];
  },
};

// ================================================================== mul

function mulQuantity(a: Value, b: Value): Value {
  if (a.kind === 'quantity' && b.kind === 'quantity') return mulQuantities(a, b);
  if (a.kind === 'quantity') return scaleQuantity(a, scalarOf(b as Matrix, a));
  const q = b as Quantity;
  return scaleQuantity(q, scalarOf(a, q));
}

/** `a·b`: scaling when either side is 1×1, else the matrix product. */
export const mul: BinaryOperator = {
  name: 'mul',
  symbol: '×',
  forward(a, b) {
    if (a.kind === 'quantity' || b.kind === 'quantity') return mulQuantity(a, b);
    if (a.isScalar || b.isScalar) {
      return checkElementwiseOverflow(
        elementwiseResult('hadamard', '×', a, b, (x, y) => x * y),
        a,
        b,
        '×',
      );
    }
    if (a.cols !== b.rows) {
      throw new ShapeError(
        'mul',
        a,
        b,
        `${shapeMessage(a, b, 'cannot be multiplied')}: the left has ${a.cols} column${a.cols === 1 ? '' : 's'} and the right ${b.rows} row${b.rows === 1 ? '' : 's'}`,
      );
    }
    return checkProductOverflow(matmul(a, b), a, b, `the ${a.rows}×${b.cols} product`);
  },
  // Product: ∂/∂A = g Bᵀ, ∂/∂B = Aᵀ g. Scaling s·M: ∂/∂s = Σ g⊙M, ∂/∂M = s g.
  backward(g, a, b) {
    if (a.isScalar && b.isScalar) return [Matrix.scalar(g.data[0] * b.data[0]), Matrix.scalar(g.data[0] * a.data[0])];
    if (a.isScalar) return [Matrix.scalar(dot(g, b)), scale(g, a.data[0])];
    if (b.isScalar) return [scale(g, b.data[0]), Matrix.scalar(dot(g, a))];
    return [matmul(g, transposeMatrix(b)), matmul(transposeMatrix(a), g)];
  },
};

/** Σ x⊙y over equal shapes. */
function dot(x: Matrix, y: Matrix): number {
  let total = 0;
  const X = x.data;
  const Y = y.data;
  for (let i = 0; i < X.length; i++) total += X[i] * Y[i];
  return total;
}

// ================================================================== hadamard

/** `a ⊙ b`: entry by entry, equal shapes or a scalar side. */
export const hadamard: BinaryOperator = {
  name: 'hadamard',
  symbol: '⊙',
  forward(a, b) {
    if (a.kind === 'quantity' || b.kind === 'quantity') return mulQuantity(a, b);
    return checkElementwiseOverflow(
      elementwiseResult('hadamard', '⊙', a, b, (x, y) => x * y),
      a,
      b,
      '⊙',
    );
  },
  // ∂(a⊙b)/∂a = b, ∂(a⊙b)/∂b = a (summed back where broadcast)
  backward(g, a, b) {
    return [reduceToShape(hadamardProduct(g, b), a), reduceToShape(hadamardProduct(g, a), b)];
  },
};

/** g ⊙ m, with m broadcast onto g's shape. */
function hadamardProduct(g: Matrix, m: Matrix): Matrix {
  return broadcastApply(g.shape, g, m, (x, y) => x * y);
}

// ================================================================== div

function requireNonZeroDivisor(b: Matrix): void {
  const d = b.data;
  for (let i = 0; i < d.length; i++) if (d[i] === 0) throw new DomainError('division by zero');
}

function divQuantity(a: Value, b: Value): Value {
  if (a.kind === 'quantity' && b.kind === 'quantity') {
    if (b.unit.value === 0) throw new DomainError('division by zero');
    return divQuantities(a, b);
  }
  if (a.kind === 'quantity') {
    const divisor = scalarOf(b as Matrix, a);
    if (divisor === 0) throw new DomainError('division by zero');
    return scaleQuantity(a, 1 / divisor);
  }
  const q = b as Quantity;
  if (q.unit.value === 0) throw new DomainError('division by zero');
  return divNumberByQuantity(scalarOf(a, q), q);
}

/** `a / b`: by a 1×1 divisor, or entry by entry for equal shapes. */
export const div: BinaryOperator = {
  name: 'div',
  symbol: '/',
  forward(a, b) {
    if (a.kind === 'quantity' || b.kind === 'quantity') return divQuantity(a, b);
    const shape = elementwiseShape('div', a, b, () =>
      shapeMessage(
        a,
        b,
        'cannot be divided (the divisor must have a shape that broadcasts: a row and a column do not)',
      ),
    );
    requireNonZeroDivisor(b);
    return checkElementwiseOverflow(
      broadcastApply(shape, a, b, (x, y) => x / y),
      a,
      b,
      '/',
    );
  },
  // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b² = −out/b
  backward(g, a, b, out) {
    const gradA = broadcastApply(g.shape, g, b, (gi, y) => gi / y);
    const quotient = broadcastApply(g.shape, out, b, (o, y) => o / y);
    const gradB = broadcastApply(g.shape, g, quotient, (gi, q) => -gi * q);
    return [reduceToShape(gradA, a), reduceToShape(gradB, b)];
  },
};

// ================================================================== pow

function scalarPower(x: number, y: number): number {
  if (x === 0 && y < 0) throw new DomainError('division by zero');
  if (x < 0 && !Number.isInteger(y)) {
    throw new DomainError(
      `a negative base to a fractional power is not a real number: ${formatNumber(x)}^${formatNumber(y)}`,
    );
  }
  const result = x ** y;
  if (!Number.isFinite(result) && Number.isFinite(x) && Number.isFinite(y)) {
    throw new LimitError(
      'limit.overflow',
      `overflow: ${formatNumber(x)}^${formatNumber(y)} is beyond double precision`,
    );
  }
  return result;
}

/** A square matrix to a non-negative integer power, by repeated squaring. */
export function matrixPower(a: Matrix, n: number): Matrix {
  let result = identity(a.rows);
  let base = a;
  let k = n;
  while (k > 0) {
    if (k & 1) result = matmul(result, base);
    k = Math.floor(k / 2);
    if (k > 0) base = matmul(base, base);
  }
  return result;
}

/** Beyond this many multiply-adds the backward of a matrix power is refused rather than left to hang. */
const MATRIX_POWER_BACKWARD_BUDGET = 1e8;

function isMatrixPower(a: Matrix, b: Matrix): boolean {
  return !a.isScalar && b.isScalar && a.rows === a.cols && Number.isInteger(b.data[0]) && b.data[0] >= 0;
}

/** `a ^ b`: scalar to scalar, or a square matrix to a non-negative integer power. */
export const pow: BinaryOperator = {
  name: 'pow',
  symbol: '^',
  forward(a, b) {
    if (a.kind === 'quantity' || b.kind === 'quantity') {
      if (b.kind === 'quantity') return unitMismatch(`an exponent cannot have a unit (${quantityUnitText(b)})`);
      return powQuantity(a as Quantity, scalarOf(b, a as Quantity));
    }
    if (a.isScalar && b.isScalar) return Matrix.scalar(scalarPower(a.data[0], b.data[0]));
    if (isMatrixPower(a, b)) {
      if (b.data[0] > Number.MAX_SAFE_INTEGER)
        throw new LimitError('limit.overflow', 'overflow: the exponent is too large');
      return checkProductOverflow(
        matrixPower(a, b.data[0]),
        a,
        b,
        `the power ${a.shapeText()}^${formatNumber(b.data[0])}`,
      );
    }
    let reason: string;
    if (!b.isScalar) reason = 'the exponent must be a scalar';
    else if (a.rows !== a.cols) reason = 'a matrix power needs a square matrix';
    else reason = `a matrix power needs a non-negative integer exponent, not ${formatNumber(b.data[0])}`;
    throw new ShapeError(
      'pow',
      a,
      b,
      `a ${a.shapeText()} matrix cannot be raised to a ${b.shapeText()} power: ${reason}; for entry-by-entry products use ⊙ (A ⊙ A squares every entry)`,
    );
  },
  // Scalar: ∂(aᵇ)/∂a = b·aᵇ⁻¹, ∂(aᵇ)/∂b = aᵇ·ln a (zero where a ≤ 0).
  // Matrix: ∂(Aⁿ)/∂A = Σₖ (Aᵀ)ᵏ g (Aᵀ)ⁿ⁻¹⁻ᵏ; the integer exponent takes none.
  backward(g, a, b, out) {
    if (a.isScalar) {
      const x = a.data[0];
      const y = b.data[0];
      const upstream = g.data[0];
      const dx = y === 0 ? 0 : y === 1 ? 1 : y * x ** (y - 1);
      const dy = x > 0 ? out.data[0] * Math.log(x) : 0;
      return [Matrix.scalar(upstream * dx), Matrix.scalar(upstream * dy)];
    }
    const n = b.data[0];
    const size = a.rows;
    if (n === 0) return [Matrix.zeros(size, size), null];
    if (n * 3 * size ** 3 > MATRIX_POWER_BACKWARD_BUDGET) {
      throw new LimitError(
        'limit.time',
        `the gradient of a ${a.shapeText()} matrix to the power ${n} would take too long`,
      );
    }
    // S₁ = g; Sₘ₊₁ = Aᵀ Sₘ + g (Aᵀ)ᵐ, so Sₙ is the sum without keeping every power.
    const at = transposeMatrix(a);
    let total = g;
    let atPower = at;
    for (let m = 1; m < n; m++) {
      const next = matmul(at, total);
      const term = matmul(g, atPower);
      for (let i = 0; i < next.data.length; i++) next.data[i] += term.data[i];
      total = next;
      if (m + 1 < n) atPower = matmul(atPower, at);
    }
    return [total, null];
  },
};

// ================================================================== elementPow

/** `a .^ b`: every entry of a to the power of the matching entry of b (broadcasting). */
export const elementPow: BinaryOperator = {
  name: 'epow',
  symbol: '.^',
  forward(a, b) {
    if (a.kind === 'quantity' || b.kind === 'quantity') return pow.forward(a, b);
    return elementwiseResult('epow', '.^', a, b, scalarPower);
  },
  // ∂(aᵇ)/∂a = b·aᵇ⁻¹, ∂(aᵇ)/∂b = aᵇ·ln a (zero where a ≤ 0), each summed back over broadcast axes.
  backward(g, a, b, out) {
    const dBase = broadcastApply(out.shape, a, b, (x, y) => (y === 0 ? 0 : y === 1 ? 1 : y * x ** (y - 1)));
    const dExponent = broadcastApply(out.shape, out, a, (o, x) => (x > 0 ? o * Math.log(x) : 0));
    return [reduceToShape(hadamardProduct(g, dBase), a), reduceToShape(hadamardProduct(g, dExponent), b)];
  },
};

// ================================================================== comparisons

type ComparisonOp = 'gt' | 'lt' | 'ge' | 'le' | 'eq' | 'ne';

/** `a > b` and the others inside brackets: 1 where true, 0 where false, broadcasting; no gradient flows. */
function comparison(name: ComparisonOp, symbol: string, test: (x: number, y: number) => boolean): BinaryOperator {
  return {
    name,
    symbol,
    forward(a, b) {
      if (a.kind === 'quantity' || b.kind === 'quantity')
        return unitMismatch(`${symbol} compares plain numbers, not quantities with units`);
      return elementwiseResult('compare', symbol, a, b, (x, y) => (test(x, y) ? 1 : 0));
    },
    // Piecewise constant: zero almost everywhere.
    backward(_g, a, b) {
      return [Matrix.zerosLike(a), Matrix.zerosLike(b)];
    },
  };
}

export const greater = comparison('gt', '>', (x, y) => x > y);
export const less = comparison('lt', '<', (x, y) => x < y);
export const greaterEqual = comparison('ge', '≥', (x, y) => x >= y);
export const lessEqual = comparison('le', '≤', (x, y) => x <= y);
export const equal = comparison('eq', '==', (x, y) => x === y);
export const notEqual = comparison('ne', '≠', (x, y) => x !== y);

// ================================================================== neg

export const neg: UnaryOperator = {
  name: 'neg',
  forward(a) {
    if (a.kind === 'quantity') return negQuantity(a);
    return scale(a, -1);
  },
  // ∂(−a)/∂a = −1
  backward(g) {
    return [scale(g, -1)];
  },
};

// ================================================================== transpose

export const transpose: UnaryOperator = {
  name: 'transpose',
  forward(a) {
    if (a.kind === 'quantity') return a;
    return transposeMatrix(a);
  },
  // The gradient of Aᵀ, transposed back.
  backward(g) {
    return [transposeMatrix(g)];
  },
};

// ================================================================== rank gate

/**
 * An operator not taught tensors never sees one: its loops read rows × cols
 * only, and would quietly compute on the first slice. Refused as
 * `shape.rank` instead, naming the operator and the shape.
 */
export function rejectTensors(symbol: string, a: Value, b?: Value): void {
  // Two parameters, not a rest array: this runs on every operator application.
  const tensor = a.kind === 'matrix' && a.isTensor ? a : b?.kind === 'matrix' && b.isTensor ? b : undefined;
  if (tensor)
    throw new EvalError(
      'shape.rank',
      `${symbol} works on matrices, and this is a ${tensor.shapeText()} value of rank ${tensor.rank}`,
    );
}

function matricesOnly(op: BinaryOperator): BinaryOperator {
  return {
    ...op,
    forward(a, b) {
      rejectTensors(op.symbol, a, b);
      return op.forward(a, b);
    },
  };
}

/** A product by a 1×1 scales a tensor entry by entry; a matrix product is 2-D only. */
function scalingOrMatrices(op: BinaryOperator): BinaryOperator {
  return {
    ...op,
    forward(a, b) {
      const scaling = (a.kind === 'matrix' && a.isScalar) || (b.kind === 'matrix' && b.isScalar);
      if (!scaling) rejectTensors(op.symbol, a, b);
      return op.forward(a, b);
    },
  };
}

function matricesOnlyUnary(op: UnaryOperator, symbol: string): UnaryOperator {
  return {
    ...op,
    forward(a) {
      rejectTensors(symbol, a);
      return op.forward(a);
    },
  };
}

/** The binary operators by their `BinaryOp` name in the syntax tree. */
export const OPERATORS: { readonly [K in BinaryOp]: BinaryOperator } = {
  add,
  sub,
  mul: scalingOrMatrices(mul),
  hadamard,
  div,
  pow: matricesOnly(pow),
  epow: elementPow,
  gt: greater,
  lt: less,
  ge: greaterEqual,
  le: lessEqual,
  eq: equal,
  ne: notEqual,
};

export const UNARY_OPERATORS: { readonly neg: UnaryOperator; readonly transpose: UnaryOperator } = {
  // Entry by entry, so any rank: −X of a C×H×W value is C×H×W (the gradient too: scale keeps every axis).
  neg,
  transpose: matricesOnlyUnary(transpose, 'ᵀ'),
};
