/**
 * `∂²f/∂x²` (or `hessian(f, x)`): the Hessian of a scalar f with respect to
 * a vector or matrix x, exactly, by reverse over reverse. f is traced on a
 * tape as for a gradient; the gradient is then built on the same tape out of
 * tape operations (`autodiff/secondOrder.ts`), and row i of the Hessian is
 * one ordinary backward pass from the gradient's entry i.
 *
 * The result is n × n for the n entries of x, in x's row-major order
 * (x₁₁, x₁₂, …, x₂₁, …): H[i, j] = ∂²f/∂xᵢ∂xⱼ. For a 1×1 x it is 1×1.
 *
 * Example: f = x₁² x₂ + 3 x₂ at x = [1; 2] gives [2x₂, 2x₁; 2x₁, 0] = [4, 2; 2, 0].
 */
import { applyBinary, applyBuiltin, type TapeNode } from '../autodiff/tape';
import { gradientNode } from '../autodiff/secondOrder';
import type { DerivativeExpr } from '../syntax/ast';
import { findBuiltin } from '../solvers/registry';
import { EvalError } from '../values/errors';
import { Matrix } from '../values/value';
import type { EvalHost, World } from './evaluate';
import { traceFor, type Tracer, valueIn } from './gradient';

/** Entries of x beyond which a Hessian (one backward pass per entry, n² results) is refused. */
export const MAX_HESSIAN_ENTRIES = 400;

export function computeHessian(host: EvalHost, node: DerivativeExpr, world: World): Matrix {
  const scope = host.scope;
  const ofName = node.of.name;
  const wrtName = node.wrt.name;
  const of = scope.lookup(ofName);
  const wrt = scope.lookup(wrtName);
  if (!wrt || wrt.kind === 'function') throw new EvalError('name.undefined', `${wrtName} is not defined`);
  // `hessian(f, x0)` reads as f's Hessian at x0; `∂²f/∂x0²` of a function stays an error, as `∂f/∂x0` does.
  const atPoint = node.spelling === 'hessian';
  if (of?.kind === 'function' && (!atPoint || of.params?.length !== 1 || !of.expr)) {
    throw new EvalError(
      'gradient.undefined',
      atPoint
        ? `${ofName} is a function of ${of.params?.length ?? 0} parameters: hessian(${ofName}, point) is the Hessian at a point of a function of one parameter`
        : `${ofName} is a function, with no definition in this problem to differentiate; its Hessian at a point x0 is hessian(${ofName}, x0)`,
    );
  }
  if (!of) throw new EvalError('gradient.undefined', `${ofName} has no definition in this problem to differentiate`);
  const x = valueIn(wrt, world);
  if (x.kind !== 'matrix')
    throw new EvalError('gradient.unsupported', `${wrtName} has a unit; Hessians work on plain numbers and matrices`);
  const n = x.size;
  if (n > MAX_HESSIAN_ENTRIES) {
    throw new EvalError(
      'hessian.unsupported',
      `${wrtName} has ${n} entries: a Hessian is limited to ${MAX_HESSIAN_ENTRIES} entries of x (${MAX_HESSIAN_ENTRIES}×${MAX_HESSIAN_ENTRIES} second derivatives)`,
    );
  }
  const { tracer, root } = traceFor(host, of, ofName, wrtName, x, world);
  if (!root.value.isScalar) {
    throw new EvalError(
      'hessian.not-scalar',
      `${ofName} is ${root.value.shapeText()}: ∂²${ofName}/∂${wrtName}² needs a scalar ${ofName} (a loss, 1×1); for a vector, take the Hessian of one scalar built from it, such as sum(…)`,
    );
  }
  return derivativesAt(host, tracer, root, x).hessian;
}

/** The gradient (x's shape) and the Hessian (n × n) of a traced 1×1 root, with respect to the tracer's x. */
export function derivativesAt(
  host: EvalHost,
  tracer: Tracer,
  root: TapeNode,
  x: Matrix,
): { gradient: Matrix; hessian: Matrix } {
  const n = x.size;
  const hessian = Matrix.zeros(n, n);
  const leaf = tracer.leaf;
  const gradient = leaf ? gradientNode(tracer.tape, root, leaf) : undefined;
  // Without a path from x to the root, every derivative is 0.
  if (!leaf || !gradient) return { gradient: Matrix.zeros(x.rows, x.cols), hessian };
  const sum = findBuiltin('sum')!;
  for (let i = 0; i < n; i++) {
    host.budget.tick(tracer.tape.size);
    const pick = Matrix.zeros(x.rows, x.cols);
    pick.data[i] = 1;
    const entry = applyBuiltin(tracer.tape, sum, [
      applyBinary(tracer.tape, 'hadamard', gradient, tracer.tape.constant(pick)),
    ]);
    const row = tracer.tape.gradients(entry).get(leaf.id);
    if (row) hessian.data.set(row.data, i * n);
  }
  return { gradient: gradient.value, hessian };
}
