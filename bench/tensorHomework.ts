/**
 * A batch/CNN homework for the benchmark's tensor row: per problem, a
 * mini-batch layer with a broadcast bias (`Z = X W + b`), reductions over an
 * axis, a ReLU and its gradient, and a two-channel image through a filter
 * bank with biases (`conv2d` of a 2×3×3 value by a 2×2×2×2 bank).
 *
 * Every stated value is computed here with plain loops, independently of the
 * checker; `run.ts` checks that the file has no error before timing it. Each
 * statement comes with the same arithmetic in mathjs syntax (mathjs has
 * N-dimensional matrices and broadcasting; its baseline adds `relu`, `drelu`
 * and `conv2dc`, what a naive checker would write), as in `generate.ts`.
 */
import type { MathJsInstance } from 'mathjs';
import { seededRandom } from '../src/core/check/random';
import type { GeneratedHomework, MathjsStatement } from './generate';

type Grid = number[][];

function ints(random: () => number, rows: number, cols: number, low: number, high: number): Grid {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => low + Math.floor(random() * (high - low + 1))),
  );
}

const hw = (g: Grid): string => `[${g.map((r) => r.join(', ')).join('; ')}]`;
const js = (g: Grid): string => `[${g.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
const hw3 = (t: Grid[]): string => `[${t.map((g) => hw(g).slice(1, -1)).join(';; ')}]`;
const js3 = (t: Grid[]): string => `[${t.map(js).join(', ')}]`;

function matmulBias(x: Grid, w: Grid, b: number[]): Grid {
  return x.map((row) => b.map((bias, j) => row.reduce((s, v, k) => s + v * w[k][j], bias)));
}

/** conv2d of a C×H×W image by a F×C×k×k bank with one bias per filter, stride 1, no padding. */
function conv(image: Grid[], bank: Grid[][], bias: number[]): Grid[] {
  const k = bank[0][0].length;
  const side = image[0].length - k + 1;
  return bank.map((filter, f) =>
    Array.from({ length: side }, (_, i) =>
      Array.from({ length: side }, (_, j) => {
        let s = bias[f];
        filter.forEach((kernel, c) => {
          for (let a = 0; a < k; a++) for (let d = 0; d < k; d++) s += image[c][i + a][j + d] * kernel[a][d];
        });
        return s;
      }),
    ),
  );
}

/** About `statementCount` statements (9 a problem). */
export function generateTensorHomework(statementCount: number): GeneratedHomework {
  const random = seededRandom(20261130);
  const lines: string[] = [];
  const problems: { firstLine: number; lastLine: number; statements: MathjsStatement[] }[] = [];
  let gradientStatements = 0;
  const count = Math.max(1, Math.round(statementCount / 9));
  for (let p = 1; p <= count; p++) {
    const firstLine = lines.length + 1;
    const x = ints(random, 4, 5, -3, 3);
    const w = ints(random, 5, 3, -2, 2);
    const b = ints(random, 1, 3, -2, 2)[0];
    const z = matmulBias(x, w, b);
    const rowSums = z.map((r) => [r.reduce((s, v) => s + v, 0)]);
    const colMeans = [b.map((_, j) => z.reduce((s, r) => s + r[j], 0) / z.length)];
    const h = z.map((r) => r.map((v) => Math.max(0, v)));
    const dB = [b.map((_, j) => z.reduce((s, r) => s + (r[j] > 0 ? 1 : 0), 0))];
    const image = [ints(random, 3, 3, -2, 2), ints(random, 3, 3, -2, 2)];
    const bank = [
      [ints(random, 2, 2, -1, 1), ints(random, 2, 2, -1, 1)],
      [ints(random, 2, 2, -1, 1), ints(random, 2, 2, -1, 1)],
    ];
    const c = [1, -1];
    const y = conv(image, bank, c);
    const energy = y.flat(2).reduce((s, v) => s + v * v, 0);
    const bankHw = `[${bank.map((f) => hw3(f).slice(1, -1)).join(';;; ')}]`;
    const bankJs = `[${bank.map(js3).join(', ')}]`;
    lines.push(
      `problem ${p}`,
      `given X = ${hw(x)}, W = ${hw(w)}, b = [${b.join(', ')}]`,
      `Z = X W + b = ${hw(z)}`,
      `sum(Z, axis=2) = ${hw(rowSums)}`,
      `mean(Z, axis=1) = ${hw(colMeans)}`,
      `H = relu(Z) = ${hw(h)}`,
      'L = sum(H)',
      `∂L/∂b = ${hw(dB)}`,
      `given T = ${hw3(image)}, K = ${bankHw}, c = [1; -1]`,
      `Y = conv2d(T, K, bias=c) = ${hw3(y)}`,
      `sum(Y ⊙ Y) = ${energy}`,
    );
    gradientStatements++;
    problems.push({
      firstLine,
      lastLine: lines.length,
      statements: [
        [`X = ${js(x)}`, `W = ${js(w)}`, `b = [[${b.join(', ')}]]`],
        ['Z = X * W + b', js(z)],
        ['sum(Z, 2)', js(rowSums)],
        ['mean(Z, 1)', js(colMeans)],
        ['H = relu(Z)', js(h)],
        ['L = sum(H)'],
        [js(dB)],
        [`T = ${js3(image)}`, `K = ${bankJs}`, 'c = [1, -1]'],
        ['Y = conv2dc(T, K, c)', js3(y)],
        ['sum(dotMultiply(Y, Y))', String(energy)],
      ],
    });
  }
  const text = lines.join('\n') + '\n';
  const statements = problems.reduce((n, pr) => n + pr.statements.length, 0);
  return {
    text,
    statements,
    planted: [],
    problems: problems.map((pr) => ({ ...pr, editable: { offset: text.indexOf('= [') + 3, text: '' } })),
    gradientStatements,
  };
}

/** The multi-channel convolution a naive mathjs checker would add: nested arrays and loops. */
export function addTensorBaseline(math: MathJsInstance): void {
  const toArray = (m: unknown): unknown => (math.isMatrix(m) ? (m as { toArray(): unknown }).toArray() : m);
  math.import(
    {
      conv2dc: (image: unknown, bank: unknown, bias: unknown) =>
        math.matrix(conv(toArray(image) as Grid[], toArray(bank) as Grid[][], toArray(bias) as number[])),
    },
    { override: true },
  );
}
