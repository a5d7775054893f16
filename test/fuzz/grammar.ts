/**
 * A seeded generator of homework that follows the grammar of
 * docs/language.md: headings, `given`, `unit`, prose, chains of relations,
 * function definitions, `answer`, `for` identities; expressions of numbers,
 * names, units, matrices, ranges, calls of the built-ins, derivatives,
 * transposes, indices and `?`. Now and then it makes the shapes that once broke the
 * checker: deep nesting, long flat sums, huge exponents, many statements.
 */
import { builtinNames } from '../../src/core/solvers/registry';

export type Random = () => number;

const BUILTINS = builtinNames();
const NAMES = ['x', 'y', 'z', 'W1', 'b1', 'a1', 'z2', 'L', 'n', 'k', 'P', 'S', 'f', 'g', 'yhat', 'α', 'lr', 'm'];
const UNITS = ['min', 's', 'h', 'kg', 'g', 'm', 'L', 'epoch', 'step', 'foo'];
const NUMBERS = ['0', '1', '2', '3', '-1', '0.5', '1e-6', '1e308', '1e29', '5%', '58.4', '1/3', '2.000', '1e300', '7'];
const RELATIONS = ['=', '≈', '~=', '<', '<=', '≤', '>', '>=', '≥', '≠', '!='];
const BINARY = [' + ', ' - ', ' * ', ' ', '·', ' × ', ' ⊙ ', ' .* ', ' / ', '^'];

export function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

function int(random: Random, below: number): number {
  return Math.floor(random() * below);
}

export function expression(random: Random, depth = 0): string {
  const r = random();
  if (depth > 4 || r < 0.25) return atom(random);
  if (r < 0.45) return `${expression(random, depth + 1)}${pick(random, BINARY)}${expression(random, depth + 1)}`;
  if (r < 0.55) return `(${expression(random, depth + 1)})`;
  if (r < 0.65) return matrix(random, depth);
  if (r < 0.75) {
    const args = Array.from({ length: 1 + int(random, 3) }, () => expression(random, depth + 1));
    if (random() < 0.2) args.push(`${pick(random, ['padding', 'stride', 'alpha', 'axis'])}=${atom(random)}`);
    return `${pick(random, BUILTINS)}${random() < 0.1 ? "'" : ''}(${args.join(', ')})`;
  }
  if (r < 0.8) return `${atom(random)}:${random() < 0.3 ? `${atom(random)}:` : ''}${atom(random)}`;
  if (r < 0.85) return `${pick(random, ['-', '+'])}${expression(random, depth + 1)}`;
  if (r < 0.87) return `${atom(random)}${pick(random, ['ᵀ', '^T'])}`;
  if (r < 0.9) return `${pick(random, [...NAMES, '∂L/∂W1', '(W1 x)'])}[${indexEntries(random)}]`;
  if (r < 0.95) return `∂${pick(random, NAMES)}/∂${pick(random, NAMES)}`;
  return `${pick(random, NUMBERS)} ${pick(random, UNITS)}${random() < 0.3 ? `/${pick(random, UNITS)}` : ''}`;
}

/** `2,3`, `:,1`, `1:2,:`, `1`, and now and then out of range, a name, too many or half-typed. */
function indexEntries(random: Random): string {
  const one = (): string => {
    const r = random();
    if (r < 0.3) return ':';
    if (r < 0.5) return `${1 + int(random, 3)}:${1 + int(random, 4)}`;
    if (r < 0.9) return String(int(random, 4));
    return atom(random);
  };
  const entries = Array.from({ length: 1 + int(random, 4) }, one).join(',');
  return random() < 0.05 ? entries.slice(0, -1) : entries;
}

function atom(random: Random): string {
  const r = random();
  if (r < 0.45) return pick(random, NUMBERS);
  if (r < 0.85) return pick(random, NAMES);
  return pick(random, UNITS);
}

function matrix(random: Random, depth: number): string {
  const rows = 1 + int(random, 3);
  const cols = 1 + int(random, 3);
  const ragged = random() < 0.05;
  const slice = (): string =>
    Array.from({ length: rows }, (_, i) =>
      Array.from({ length: ragged && i === 0 ? cols + 1 : cols }, () =>
        random() < 0.8 ? pick(random, NUMBERS) : expression(random, depth + 2),
      ).join(', '),
    ).join('; ');
  // Now and then a rank-3 or rank-4 literal: slices between `;;`, blocks between `;;;`, or a trailing `;;`.
  const r = random();
  if (r < 0.1) return `[${Array.from({ length: 2 + int(random, 2) }, slice).join(';; ')}]`;
  if (r < 0.14) return `[${slice()};; ${slice()};;; ${slice()};; ${slice()}]`;
  if (r < 0.16) return `[${slice()}${pick(random, [';;', ';;;', ';;;;'])}]`;
  return `[${slice()}]`;
}

function chain(random: Random): string {
  const links = [expression(random)];
  const more = 1 + int(random, 3);
  for (let i = 0; i < more; i++) links.push(`${pick(random, RELATIONS)} ${random() < 0.15 ? '?' : expression(random)}`);
  return links.join(' ');
}

/** One statement (a line). */
export function statement(random: Random): string {
  const r = random();
  if (r < 0.08) return `problem ${int(random, 5)}${random() < 0.5 ? ' "Title"' : ''}`;
  if (r < 0.13) return `question ${int(random, 5)}`;
  if (r < 0.25) {
    const n = 1 + int(random, 3);
    return `given ${Array.from({ length: n }, () => `${pick(random, NAMES)} = ${expression(random, 2)}`).join(', ')}`;
  }
  if (r < 0.3) return `unit ${pick(random, UNITS)}${random() < 0.3 ? `, ${pick(random, UNITS)}` : ''}`;
  if (r < 0.35) return `> prose with $${expression(random, 3)}$ and <b>tags</b>`;
  if (r < 0.45) return `${pick(random, NAMES)}(${pick(random, NAMES)}) = ${expression(random, 1)}`;
  if (r < 0.5) return `answer ${pick(random, NAMES)} = ${chain(random)}`;
  if (r < 0.57) return `for ${pick(random, ['n', 'k', 'n, k'])}: ${chain(random)}`;
  if (r < 0.62) return `# a comment ${expression(random, 3)}`;
  if (r < 0.8) return `${pick(random, NAMES)} = ${chain(random)}`;
  return chain(random);
}

/** The large shapes, each once a hang or a crash. */
function stress(random: Random): string {
  const r = random();
  const depth = 20 + int(random, 300);
  const terms = 1000 + int(random, 8000);
  if (r < 0.2) return `f(u) = ${`${pick(random, BUILTINS)}(`.repeat(depth)}u${')'.repeat(random() < 0.5 ? depth : 0)}`;
  if (r < 0.4) return `y = ${Array.from({ length: terms }, () => pick(random, ['x', '1', 'n'])).join(' + ')} = ?`;
  if (r < 0.55) return `for n: ${Array.from({ length: terms }, () => 'n').join(pick(random, [' + ', ' * ']))} = n`;
  if (r < 0.7) return `z = ${'('.repeat(depth)}1${')'.repeat(depth)} = 1`;
  if (r < 0.8)
    return `a = (${pick(random, ['2', '-1', '1e200'])} ${pick(random, UNITS)})^${pick(random, ['0.5', '1e300', '2', '1e29'])} = ?`;
  if (r < 0.9) return `q = 2 ${Array.from({ length: 1 + int(random, 3000) }, () => pick(random, UNITS)).join(' ')} = ?`;
  return `x = ${'-'.repeat(depth)}1 = ?`;
}

/** A whole homework of up to `maxStatements` lines; one in twenty has a stress line. */
export function homework(random: Random, maxStatements = 12): string {
  const lines: string[] = [];
  if (random() < 0.3) lines.push('homework "Fuzz"');
  const n = 1 + int(random, maxStatements);
  for (let i = 0; i < n; i++) lines.push(statement(random));
  if (random() < 0.05) lines.splice(int(random, lines.length + 1), 0, stress(random));
  return lines.join(random() < 0.1 ? '\r\n' : '\n');
}
