/**
 * Whether `f(x) = …` defines a function or claims a value, and which
 * functions a misspelt call could have meant.
 *
 * The rule (stated in docs/language.md, "Functions"): a head `f(a, b) = body`
 * defines f only when f is not a built-in nor already a name of the problem,
 * nothing is written by name (`f(x=1)`) or primed (`f'(x)`), and every
 * argument is a plain name that is not bound to a value in the problem. With
 * `C` given, `rank(C) = 3` is therefore a claim about a function `rank`, and
 * reported as an unknown function, never taken silently as a definition.
 *
 * Examples (C given):
 *
 *     f(x) = x^2 + 1       defines f (x is a new name)
 *     rank(C) = 3          a claim: there is no function rank
 *     f(2) = 5             a claim about f
 *     g(x, C) = x C        a claim: C is given, so this is not a definition
 */
import type { CallExpr } from '../syntax/ast';
import type { Builtin } from '../solvers/builtin';
import type { Binding } from './scope';

/** Why a head with a new function name is not a definition: the first argument that is bound (or not a name). */
function boundArgument(call: CallExpr, lookup: (name: string) => Binding | undefined): string | undefined {
  for (const arg of call.args) {
    if (arg.kind !== 'name') return 'expression';
    const bound = lookup(arg.name);
    if (bound && bound.kind !== 'function') return arg.name;
  }
  return undefined;
}

/**
 * For an unknown function called with plain names, some of them values of
 * the problem: why it was not read as a definition (`mystery(C)` with C given).
 */
export function definitionHint(
  call: CallExpr | undefined,
  scope: { lookup(name: string): Binding | undefined },
): string {
  if (!call || call.named.length > 0 || call.args.length === 0 || !call.args.every((a) => a.kind === 'name')) return '';
  const bound = boundArgument(call, (name) => scope.lookup(name));
  if (bound === undefined || bound === 'expression') return '';
  return ` (${bound} is a value of the problem, so this is a call, not a definition; a definition names new parameters, as f(x) = …)`;
}

/** The head of `f(x, y) = …` defines a new function f: the rule above. */
export function definesFunction(
  call: CallExpr,
  lookup: (name: string) => Binding | undefined,
  isBuiltin: (name: string) => boolean,
): boolean {
  if (call.prime || call.named.length > 0 || call.args.length === 0) return false;
  if (isBuiltin(call.callee.name) || lookup(call.callee.name)) return false;
  return boundArgument(call, lookup) === undefined;
}

/**
 * A built-in that could take this call's arguments: not more positional ones
 * than it has parameters, and only names it has. A missing argument does not
 * rule it out (the writer may have forgotten one too; `call.arity` then says so).
 */
function builtinAccepts(builtin: Builtin, call: CallExpr): boolean {
  const positional = call.args.length;
  if (builtin.variadic) return call.named.every((n) => (builtin.options ?? []).some((o) => o.name === n.name.name));
  const params = builtin.params;
  if (positional > params.length) return false;
  const given = new Set(params.slice(0, positional).map((p) => p.name));
  for (const { name } of call.named) {
    if (!params.some((p) => p.name === name.name) || given.has(name.name)) return false;
    given.add(name.name);
  }
  return true;
}

/**
 * The functions a misspelt call could have meant: the built-ins and the
 * problem's functions that could take its arguments. `sigmod(0.5, 2)` is not
 * offered `sigmoid`, which takes one.
 */
export function callableCandidates(
  call: CallExpr,
  builtins: readonly Builtin[],
  functions: readonly Binding[],
): string[] {
  const names = builtins.filter((b) => builtinAccepts(b, call)).map((b) => b.name);
  for (const f of functions) {
    if (call.named.length === 0 && call.args.length <= (f.params?.length ?? 0)) names.push(f.key);
  }
  return names;
}

/**
 * Functions a writer may reach for that are not built-ins under that name:
 * another spelling of one (`arcsin` → `asin`, offered as the fix), or a
 * function to write out (`cot(x)` → `1 / tan(x)`). Did-you-mean must not
 * offer a look-alike that cannot be meant (`cot` is not `cos`).
 */
const KNOWN_SPELLINGS: Readonly<Record<string, { rename?: string; hint?: string }>> = {
  arcsin: { rename: 'asin' },
  arccos: { rename: 'acos' },
  arctan: { rename: 'atan' },
  variance: { rename: 'var' },
  stdev: { rename: 'std' },
  cot: { hint: 'write 1 / tan(x)' },
  sec: { hint: 'write 1 / cos(x)' },
  csc: { hint: 'write 1 / sin(x)' },
  erf: { hint: 'write 2 normal_cdf(x sqrt(2)) - 1' },
  sign: { hint: 'write x / abs(x) (x ≠ 0)' },
  sigma: { hint: 'the logistic function is sigmoid(x)' },
  matmul: { hint: 'write the product A B (or A * B)' },
  hessian: { hint: 'second derivatives are not supported yet' },
};

export function knownSpelling(name: string): { rename?: string; hint?: string } | undefined {
  return Object.prototype.hasOwnProperty.call(KNOWN_SPELLINGS, name) ? KNOWN_SPELLINGS[name] : undefined;
}
