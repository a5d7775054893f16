/**
 * Every built-in by name, and the mapping of a call's arguments onto a
 * built-in's parameters.
 *
 * Examples:
 *
 *     const convOut = findBuiltin('conv_out')!;
 *     const args = resolveArguments(convOut, [Matrix.scalar(36), Matrix.scalar(3)], [
 *       { name: 'stride', value: Matrix.scalar(2) },
 *     ]);
 *     // args: 36, 3, padding 0 (its default), stride 2, dilation 1 (its default)
 *     convOut.forward(args)     // 17, as a 1×1 matrix
 *     resolveArguments(convOut, [Matrix.scalar(36)], [{ name: 'pad', value: Matrix.scalar(1) }])
 *                               // EvalError call.unknown-parameter: conv_out has no parameter pad;
 *                               // its parameters are n, k, padding, stride, dilation
 *     builtinNames()            // ['abs', 'adam_step', …] sorted, for completions
 *
 * See also: builtin.ts (the interface each built-in implements)
 */
import { EvalError } from '../values/errors';
import { Matrix, type Value } from '../values/value';
import type { Builtin } from './builtin';
import { optionValue } from './axes';
import { adamStep } from './adamStep';
import { avgpool } from './avgpool';
import { combinations } from './combinations';
import { conv2d } from './conv2d';
import { conv2dMacs } from './conv2dMacs';
import { convOut } from './convOut';
import { convTransposeOut } from './convTransposeOut';
import { abs, exp, ln, log, log10, log2, sqrt } from './elementary';
import { crossEntropy } from './crossEntropy';
import { factorial } from './factorial';
import { leakyRelu } from './leakyRelu';
import { linearMacs } from './linearMacs';
import { det, dot, eye, inv, norm, numel, ones, shape, trace, transpose, zeros } from './linalg';
import { flatten } from './flatten';
import { permute } from './permute';
import { reshape } from './reshape';
import { stack } from './stack';
import { maxpool } from './maxpool';
import { minTrials } from './minTrials';
import { momentumStep } from './momentumStep';
import { mse } from './mse';
import { max, mean, min, prod, sum } from './reductions';
import { argmax, argmin } from './argmax';
import { logsumexp } from './logsumexp';
import { relu } from './relu';
import { ceil, floor, round } from './rounding';
import { sgdStep } from './sgdStep';
import { sigmoid } from './sigmoid';
import { softmax } from './softmax';
import { logSoftmax } from './logSoftmax';
import { oneHot } from './oneHot';
import { accuracy } from './accuracy';
import { where } from './where';
import { tanh } from './tanh';
import { eig, eigvecs, lstsq, pinv, rank, solve, svd, svdU, svdV } from './decompositions';
import { diag, kron, outer } from './products';
import { bernoulliPmf, binomialPmf, normalCdf, normalPdf } from './distributions';
import { binaryCrossEntropy, entropy, klDiv, nll } from './information';
import { cov, std, variance } from './statistics';
import { attention, batchnorm, dropout, layernorm } from './layers';
import { l2Penalty, multiclassHinge } from './marginLosses';
import { conv2dParams, gruParams, linearParams, lstmParams, rnnParams } from './parameterCounts';
import { positionalEncoding } from './positionalEncoding';
import { receptiveField } from './receptiveField';
import { gruCell, lstmCell, rnnCell } from './recurrent';
import { elu, gelu, silu, softplus } from './smoothActivations';
import { acos, asin, atan, cos, cosh, sin, sinh, tan } from './trigonometry';

/** A family of built-ins: one section of the reference (`docs/language.md`), in this order. */
export interface BuiltinFamily {
  /** The section heading, before the list of names: `Activations`. */
  readonly title: string;
  readonly builtins: readonly Builtin[];
}

/**
 * The one list of built-ins. Everything else that names them is generated
 * from it (`npm run generate:builtins`: the grammar's lists) or checked
 * against it by a test (the reference's headings, examples and signatures).
 */
export const BUILTIN_FAMILIES: readonly BuiltinFamily[] = [
  { title: 'Activations', builtins: [relu, sigmoid, tanh, leakyRelu, softmax, logSoftmax, gelu, softplus, elu, silu] },
  { title: 'Losses', builtins: [mse, crossEntropy, multiclassHinge, l2Penalty] },
  { title: 'Batch helpers', builtins: [oneHot, accuracy, where] },
  {
    title: 'Layers',
    builtins: [batchnorm, layernorm, dropout, attention, rnnCell, lstmCell, gruCell, positionalEncoding],
  },
  {
    title: 'Parameter and multiply-add counts',
    builtins: [linearParams, conv2dParams, rnnParams, lstmParams, gruParams, linearMacs, conv2dMacs],
  },
  {
    title: 'Convolution and pooling',
    builtins: [conv2d, maxpool, avgpool, convOut, convTransposeOut, receptiveField],
  },
  { title: 'Probability and counting', builtins: [minTrials, combinations, factorial] },
  {
    title: 'Statistics and distributions',
    builtins: [variance, std, cov, normalPdf, normalCdf, binomialPmf, bernoulliPmf],
  },
  { title: 'Information and likelihood', builtins: [entropy, klDiv, binaryCrossEntropy, nll] },
  { title: 'Optimizer steps', builtins: [sgdStep, momentumStep, adamStep] },
  { title: 'Reductions', builtins: [sum, prod, mean, max, min, argmax, argmin, logsumexp] },
  { title: 'Rounding', builtins: [floor, ceil, round] },
  { title: 'Elementary functions', builtins: [ln, log, log10, log2, exp, sqrt, abs] },
  { title: 'Trigonometry', builtins: [sin, cos, tan, asin, acos, atan, sinh, cosh] },
  {
    title: 'Linear algebra',
    builtins: [transpose, det, inv, trace, dot, norm, eye, zeros, ones, shape, numel, outer, kron, diag],
  },
  { title: 'Building and reshaping tensors', builtins: [stack, reshape, flatten, permute] },
  {
    title: 'Decompositions and linear systems',
    builtins: [eig, eigvecs, svd, svdU, svdV, rank, pinv, solve, lstsq],
  },
];

const ALL: readonly Builtin[] = BUILTIN_FAMILIES.flatMap((family) => family.builtins);

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(ALL.map((b) => [b.name, b]));

export function findBuiltin(name: string): Builtin | undefined {
  return BUILTINS.get(name);
}

/** Sorted, for completions and "did you mean". */
export function builtinNames(): string[] {
  return [...BUILTINS.keys()].sort();
}

/** The built-ins with a prime (`relu'(x)`): the activations. */
export function primedBuiltinNames(): string[] {
  return ALL.filter((b) => b.derivative !== undefined).map((b) => b.name);
}

function paramList(builtin: Builtin): string {
  return builtin.params.map((p) => p.name).join(', ');
}

/**
 * The arguments of a call in parameter order, named ones placed by name and
 * omitted optional ones filled with their defaults.
 *
 * Throws EvalError `call.arity` (too many or a required one missing),
 * `call.unknown-parameter` (a name the built-in does not have) or
 * `call.duplicate-argument` (given twice, by position and by name or twice by name).
 */
export function resolveArguments(
  builtin: Builtin,
  positional: readonly Value[],
  named: readonly { name: string; value: Value }[],
): Value[] {
  const fn = builtin.name;
  if (builtin.variadic) {
    const options = builtin.options ?? [];
    const values: Value[] = options.map((o) => defaultOption(o.default ?? 0));
    for (const { name, value } of named) {
      const index = options.findIndex((o) => o.name === name);
      if (index < 0) {
        const byName = options.length > 0 ? `; by name it takes ${options.map((o) => o.name).join(', ')}` : '';
        throw new EvalError('call.unknown-parameter', `${fn} takes its arguments by position${byName}, not ${name}=…`);
      }
      values[index] = optionValue(fn, name, value);
    }
    if (positional.length === 0) throw new EvalError('call.arity', `${fn} needs at least one argument`);
    rejectTensorArguments(builtin, positional);
    return [...positional, ...values];
  }
  const params = builtin.params;
  if (positional.length > params.length) {
    throw new EvalError(
      'call.arity',
      `${fn} takes at most ${params.length} argument${params.length === 1 ? '' : 's'} (${paramList(builtin)}), not ${positional.length}`,
    );
  }
  const slots: (Value | undefined)[] = params.map((_, i) => positional[i]);
  for (const { name, value } of named) {
    const index = params.findIndex((p) => p.name === name);
    if (index < 0) {
      throw new EvalError(
        'call.unknown-parameter',
        `${fn} has no parameter ${name}; its parameters are ${paramList(builtin)}`,
      );
    }
    if (slots[index] !== undefined) {
      const how = index < positional.length ? 'by position and by name' : 'twice';
      throw new EvalError('call.duplicate-argument', `${fn}: ${name} is given ${how}`);
    }
    slots[index] = value;
  }
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (slots[i] !== undefined) continue;
    if (p.default !== undefined) {
      slots[i] = defaultValue(p.default);
      continue;
    }
    // defaultFrom names an earlier parameter, already resolved by now.
    const source = p.defaultFrom === undefined ? -1 : params.findIndex((q) => q.name === p.defaultFrom);
    if (source >= 0 && source < i && slots[source] !== undefined) {
      slots[i] = slots[source];
      continue;
    }
    const required = params.filter((q) => q.default === undefined && q.defaultFrom === undefined).map((q) => q.name);
    throw new EvalError('call.arity', `${fn}: the argument ${p.name} is missing (required: ${required.join(', ')})`);
  }
  rejectTensorArguments(builtin, slots as Value[]);
  return slots as Value[];
}

/**
 * Defaults are shared 1×1 values, one per number: a call keeps its
 * arguments (for the derivations view), and a fresh matrix per default
 * would add up over a long file. Built-ins never modify their arguments.
 */
const DEFAULTS = new Map<number, Matrix>();
const DEFAULT_OPTIONS = new Map<number, Value>();

function defaultValue(x: number): Matrix {
  let v = DEFAULTS.get(x);
  if (v === undefined) DEFAULTS.set(x, (v = Matrix.scalar(x)));
  return v;
}

function defaultOption(x: number): Value {
  let v = DEFAULT_OPTIONS.get(x);
  if (v === undefined) DEFAULT_OPTIONS.set(x, (v = optionValue('', '', Matrix.scalar(x))));
  return v;
}

/** A built-in not taught tensors never sees one: its loops read rows × cols only. */
function rejectTensorArguments(builtin: Builtin, args: readonly Value[]): void {
  if (builtin.acceptsTensors) return;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.kind !== 'matrix' || !arg.isTensor) continue;
    // The parameter's name (`A`) is the registry's, not the student's: say which argument it is.
    const name = builtin.params[i]?.name;
    const which = builtin.variadic || name === undefined ? `argument ${i + 1}` : `the argument for ${name}`;
    throw new EvalError(
      'shape.rank',
      `${builtin.name} works on matrices, and ${which} is a ${arg.shapeText()} value of rank ${arg.rank}: ` +
        'take one slice of it (T[1]) or reshape it first',
    );
  }
}
