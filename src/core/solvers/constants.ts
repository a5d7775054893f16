/**
 * The constants `pi` (also `π`), `e` and `inf` (also `∞`). A name the problem defines shadows them, as it
 * shadows a unit: after `given e = 0.3`, `e` is 0.3 in that problem.
 *
 * Syntax:
 *
 *     pi, π   3.14159…
 *     e       2.71828…, the base of the natural logarithm
 *     inf, ∞  infinity: the order of a norm (norm(x, inf)); -inf masks an entry (exp(-inf) = 0)
 *
 * Examples:
 *
 *     sin(pi / 6) = 0.5
 *     ln(e) = 1
 *     e^2 ≈ 7.389
 *     exp(-inf) = 0
 *     softmax([0, -inf], axis=2) = [1, 0]
 *
 * See also: sin, cos, exp, ln
 */
import { Matrix } from '../values/value';

export interface Constant {
  readonly name: string;
  readonly value: number;
  readonly summary: string;
}

export const CONSTANTS: readonly Constant[] = [
  { name: 'pi', value: Math.PI, summary: 'π = 3.14159…, the ratio of a circle’s circumference to its diameter.' },
  { name: 'π', value: Math.PI, summary: 'π, the same as pi.' },
  { name: 'e', value: Math.E, summary: 'e = 2.71828…, the base of the natural logarithm.' },
  {
    name: 'inf',
    value: Infinity,
    summary: 'Infinity: the order of a norm, norm(x, inf); -inf masks an entry, as exp(-inf) = 0 (softmax gives it 0).',
  },
  { name: '∞', value: Infinity, summary: 'Infinity, the same as inf.' },
];

const BY_NAME = new Map(CONSTANTS.map((c) => [c.name, c]));

/** The constant's value as a 1×1 matrix, or undefined for any other name. */
export function constantValue(name: string): Matrix | undefined {
  const c = BY_NAME.get(name);
  return c === undefined ? undefined : Matrix.scalar(c.value);
}
