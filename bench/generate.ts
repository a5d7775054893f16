/**
 * Generates large homework files for the benchmark: problems of 20–50
 * statements, each a few questions drawn from the kinds real homework has
 * (a forward pass with its gradients, softmax and losses, convolutions and
 * pooling, random search, units, matrix algebra, optimizer steps), with a
 * few deliberate mistakes whose line and code the generator records.
 *
 * Every stated value is computed here, independently of the checker, so the
 * file checks with exactly the planted errors; `verifyHomework` asserts that.
 * Each statement also comes with the same arithmetic in mathjs syntax, for
 * the baseline in run.ts.
 *
 * Deterministic: a fixed-seed PRNG, no clock, no Math.random.
 *
 * Usage (after `tsc -p tsconfig.test.json`):
 *
 *     node out/bench/generate.js 1000 /tmp/bench-1k.hw
 *     # 1000 statements in 25 problems, 10 planted errors; checked: exactly those (written to /tmp/bench-1k.hw)
 */
import * as fs from 'node:fs';
import { check, LineIndex, type CheckResult } from '../src/core';
import { seededRandom } from '../src/core/check/random';

export type PlantedCode = 'value.wrong-entry' | 'value.wrong' | 'name.undefined' | 'shape.mismatch';

export interface PlantedError {
  /** 1-based line of the wrong token. */
  readonly line: number;
  readonly code: PlantedCode;
}

/** One statement's expressions in mathjs syntax, evaluated in order in the problem's scope. */
export type MathjsStatement = readonly string[];

export interface GeneratedProblem {
  /** 1-based lines of the `problem` heading and of the last line. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly statements: readonly MathjsStatement[];
  /** A stated number in this problem, for the one-line edit of the re-check benchmark. */
  readonly editable: { readonly offset: number; readonly text: string };
}

export interface GeneratedHomework {
  readonly text: string;
  /** Statements the checker evaluates: given, unit and chain lines (not headings, prose or comments). */
  readonly statements: number;
  readonly planted: readonly PlantedError[];
  readonly problems: readonly GeneratedProblem[];
  /** Statements whose gradient links mathjs cannot evaluate (its baseline runs their forward links only). */
  readonly gradientStatements: number;
}

// ------------------------------------------------------------------ PRNG

const prng = seededRandom;

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** An integer in [lo, hi] other than 0 (so no ReLU sits exactly on its kink). */
  nonZero(lo: number, hi: number): number {
    for (;;) {
      const v = this.int(lo, hi);
      if (v !== 0) return v;
    }
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  matrix(rows: number, cols: number, lo: number, hi: number): Mat {
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => this.int(lo, hi)));
  }
}

// ------------------------------------------------------------------ arithmetic (the generator's own)

type Mat = number[][];

const mul = (a: Mat, b: Mat): Mat => a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const add = (a: Mat, b: Mat): Mat => a.map((row, i) => row.map((x, j) => x + b[i][j]));
const map = (a: Mat, f: (x: number) => number): Mat => a.map((row) => row.map(f));
const hadamard = (a: Mat, b: Mat): Mat => a.map((row, i) => row.map((x, j) => x * b[i][j]));
const transpose = (a: Mat): Mat => a[0].map((_, j) => a.map((row) => row[j]));
const scale = (a: Mat, s: number): Mat => map(a, (x) => x * s);
const column = (values: number[]): Mat => values.map((v) => [v]);
const flat = (a: Mat): number[] => a.flat();
const relu = (x: number): number => Math.max(0, x);
const reluPrime = (x: number): number => (x > 0 ? 1 : 0);

function conv2d(input: Mat, kernel: Mat): Mat {
  const rows = input.length - kernel.length + 1;
  const cols = input[0].length - kernel[0].length + 1;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) =>
      kernel.reduce((s, krow, a) => s + krow.reduce((t, k, b) => t + k * input[i + a][j + b], 0), 0),
    ),
  );
}

function pool(input: Mat, size: number, reduce: (window: number[]) => number): Mat {
  const rows = Math.floor(input.length / size);
  const cols = Math.floor(input[0].length / size);
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      const window: number[] = [];
      for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) window.push(input[i * size + a][j * size + b]);
      return reduce(window);
    }),
  );
}

const convOut = (n: number, k: number, padding: number, stride: number): number =>
  Math.floor((n + 2 * padding - k) / stride) + 1;

/** The smallest N with 1 − (1 − p)^N ≥ q, by counting (not by the log formula the checker shows). */
function minTrials(p: number, q: number): number {
  let n = 1;
  while (1 - (1 - p) ** n < q) n++;
  return n;
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

const combinations = (n: number, k: number): number => factorial(n) / (factorial(k) * factorial(n - k));

// ------------------------------------------------------------------ spelling

/** An exact decimal (sums and products of short decimals), without float noise. */
function num(x: number): string {
  const text = String(Number(x.toPrecision(12)));
  return text === '-0' ? '0' : text;
}

/** `[1, 0; 3, 4]` */
function hw(a: Mat, format: (x: number) => string = num): string {
  return `[${a.map((row) => row.map(format).join(', ')).join('; ')}]`;
}

/** `[[1, 0], [3, 4]]` */
function mj(a: Mat, format: (x: number) => string = num): string {
  return `[${a.map((row) => `[${row.map(format).join(', ')}]`).join(', ')}]`;
}

const fixed4 = (x: number): string => x.toFixed(4);

// ------------------------------------------------------------------ writer

interface Editable {
  line: number;
  column: number;
  text: string;
}

/** Collects lines, statements, planted errors and the mathjs twin of each statement. */
class Writer {
  readonly lines: string[] = [];
  statements = 0;
  gradientStatements = 0;
  readonly planted: PlantedError[] = [];
  mathjs: MathjsStatement[] = [];
  editable: Editable | undefined;

  /** A line that is not a statement: heading, prose, comment, blank. */
  line(text: string): void {
    this.lines.push(text);
  }

  /**
   * One statement (possibly continued over several lines) and its mathjs
   * expressions. Returns the 1-based line of its first line.
   */
  statement(
    hwLines: string | readonly string[],
    mathjs: MathjsStatement,
    options: { gradient?: boolean } = {},
  ): number {
    const first = this.lines.length + 1;
    for (const l of typeof hwLines === 'string' ? [hwLines] : hwLines) this.lines.push(l);
    this.mathjs.push(mathjs);
    this.statements++;
    if (options.gradient) this.gradientStatements++;
    return first;
  }

  plant(line: number, code: PlantedCode): void {
    this.planted.push({ line, code });
  }

  /** Marks the last occurrence of `text` on `line` as this problem's editable number (the first one offered wins). */
  offerEditable(line: number, text: string): void {
    if (this.editable) return;
    const column = this.lines[line - 1].lastIndexOf(text);
    if (column >= 0) this.editable = { line, column, text };
  }
}

type Mistake = 'wrong-entry' | 'wrong-scalar' | 'undefined-name' | 'shape' | 'wrong-solver';

interface Block {
  readonly title: string;
  /** Writes the question's statements; `k` makes its names unique in the problem. */
  write(w: Writer, r: Random, k: number, mistake: Mistake | undefined): void;
  /** The mistakes this block knows how to make. */
  readonly mistakes: readonly Mistake[];
}

// ------------------------------------------------------------------ question kinds

/** A 2-3-1 ReLU network: forward pass, squared loss, every gradient. 15 statements. */
const network: Block = {
  title: 'Forward and backward pass',
  mistakes: ['wrong-entry', 'wrong-scalar'],
  write(w, r, k, mistake) {
    const x = column([r.nonZero(-3, 3), r.nonZero(-3, 3)]);
    const y = r.int(-5, 10);
    const W1 = r.matrix(3, 2, -3, 3);
    const W1x = mul(W1, x);
    // b1 keeps every pre-activation off ReLU's kink at 0.
    const b1 = W1x.map(([v]) => {
      for (;;) {
        const b = r.int(-4, 4);
        if (v + b !== 0) return [b];
      }
    });
    const W2 = r.matrix(1, 3, -3, 3);
    const b2 = r.int(-5, 5);
    const a1 = add(W1x, b1);
    const z1 = map(a1, relu);
    const a2 = mul(W2, z1)[0][0] + b2;
    const loss = (y - a2) ** 2;
    const dA2 = 2 * (a2 - y);
    const dW2 = scale(transpose(z1), dA2);
    const dZ1 = scale(transpose(W2), dA2);
    const dA1 = hadamard(dZ1, map(a1, reluPrime));
    const dW1 = mul(dA1, transpose(x));
    const dX = mul(transpose(W1), dA1);
    const n = (name: string) => `${name}_${k}`;
    const d = (of: string, wrt: string) => `∂${n(of)}/∂${n(wrt)}`;
    const dj = (of: string, wrt: string) => `d${n(of)}_d${n(wrt)}`;

    w.statement(`given ${n('x')} = ${hw(x)}, ${n('y')} = ${y}`, [`${n('x')} = ${mj(x)}`, `${n('y')} = ${y}`]);
    w.statement(`given ${n('W1')} = ${hw(W1)}, ${n('b1')} = ${hw(b1)}`, [
      `${n('W1')} = ${mj(W1)}`,
      `${n('b1')} = ${mj(b1)}`,
    ]);
    w.statement(`given ${n('W2')} = ${hw(W2)}, ${n('b2')} = ${b2}`, [`${n('W2')} = ${mj(W2)}`, `${n('b2')} = ${b2}`]);

    let statedA1 = a1;
    if (mistake === 'wrong-entry') {
      statedA1 = a1.map((row) => [...row]);
      const row = r.int(0, 2);
      statedA1[row][0] += r.pick([-10, 10]);
    }
    const a1Line = w.statement(
      [`${n('a1')} = ${n('W1')} ${n('x')} + ${n('b1')} = ${hw(W1x)} + ${hw(b1)}`, `     = ${hw(statedA1)}`],
      [`${n('a1')} = ${n('W1')} * ${n('x')} + ${n('b1')}`, `${mj(W1x)} + ${mj(b1)}`, mj(statedA1)],
    );
    if (mistake === 'wrong-entry') w.plant(a1Line + 1, 'value.wrong-entry');
    w.statement(`${n('z1')} = relu(${n('a1')}) = ${hw(z1)}`, [`${n('z1')} = relu(${n('a1')})`, mj(z1)]);
    const a2Line = w.statement(`${n('a2')} = ${n('W2')} ${n('z1')} + ${n('b2')} = ${a2}`, [
      `${n('a2')} = ${n('W2')} * ${n('z1')} + ${n('b2')}`,
      `${a2}`,
    ]);
    w.offerEditable(a2Line, String(a2));
    const statedLoss = mistake === 'wrong-scalar' ? loss + 2 : loss;
    const lossLine = w.statement(`${n('L')} = (${n('y')} - ${n('a2')})^2 = ${statedLoss}`, [
      `${n('L')} = (${n('y')} - ${n('a2')})^2`,
      `${statedLoss}`,
    ]);
    if (mistake === 'wrong-scalar') w.plant(lossLine, 'value.wrong');

    const g = { gradient: true };
    w.statement(
      `${d('L', 'a2')} = 2 (${n('a2')} - ${n('y')}) = ${dA2}`,
      [`${dj('L', 'a2')} = 2 * (${n('a2')} - ${n('y')})`, `${dA2}`],
      g,
    );
    w.statement(
      `${d('L', 'W2')} = ${d('L', 'a2')} ${n('z1')}ᵀ = ${hw(dW2)}`,
      [`${dj('L', 'W2')} = ${dj('L', 'a2')} * ${n('z1')}'`, mj(dW2)],
      g,
    );
    w.statement(`${d('L', 'b2')} = ${d('L', 'a2')} = ${dA2}`, [`${dj('L', 'b2')} = ${dj('L', 'a2')}`, `${dA2}`], g);
    w.statement(
      `${d('L', 'z1')} = ${n('W2')}ᵀ ${d('L', 'a2')} = ${hw(dZ1)}`,
      [`${dj('L', 'z1')} = ${n('W2')}' * ${dj('L', 'a2')}`, mj(dZ1)],
      g,
    );
    w.statement(
      [`${d('L', 'a1')} = ${d('L', 'z1')} ⊙ relu'(${n('a1')})`, `       = ${hw(dA1)}`],
      [`${dj('L', 'a1')} = ${dj('L', 'z1')} .* drelu(${n('a1')})`, mj(dA1)],
      g,
    );
    w.statement(
      `${d('L', 'W1')} = ${d('L', 'a1')} ${n('x')}ᵀ = ${hw(dW1)}`,
      [`${dj('L', 'W1')} = ${dj('L', 'a1')} * ${n('x')}'`, mj(dW1)],
      g,
    );
    w.statement(`${d('L', 'b1')} = ${d('L', 'a1')} = ${hw(dA1)}`, [`${dj('L', 'b1')} = ${dj('L', 'a1')}`, mj(dA1)], g);
    w.statement(
      `answer ${d('L', 'x')} = ${n('W1')}ᵀ ${d('L', 'a1')} = ${hw(dX)}`,
      [`${dj('L', 'x')} = ${n('W1')}' * ${dj('L', 'a1')}`, mj(dX)],
      g,
    );
  },
};

/** Softmax, cross-entropy, sigmoid, tanh and MSE, rounded with ≈. 6 statements. */
const activations: Block = {
  title: 'Softmax and losses',
  mistakes: [],
  write(w, r, k) {
    const s = column([r.int(-2, 3), r.int(-2, 3), r.int(-2, 3)]);
    const hot = r.int(0, 2);
    const t = column([0, 1, 2].map((i) => (i === hot ? 1 : 0)));
    const exps = flat(s).map(Math.exp);
    const total = exps.reduce((a, b) => a + b, 0);
    const p = column(exps.map((e) => e / total));
    const ce = -Math.log(p[hot][0]);
    const u = r.int(-3, 3) / 2;
    const sigmoid = 1 / (1 + Math.exp(-u));
    const yhat = column([r.int(0, 6), r.int(0, 6)]);
    const target = column([r.int(0, 6), r.int(0, 6)]);
    const mse = flat(yhat).reduce((acc, v, i) => acc + (v - target[i][0]) ** 2, 0) / 2;
    const n = (name: string) => `${name}_${k}`;
    w.statement(`given ${n('s')} = ${hw(s)}, ${n('t')} = ${hw(t)}`, [`${n('s')} = ${mj(s)}`, `${n('t')} = ${mj(t)}`]);
    w.statement(`${n('p')} = softmax(${n('s')}) ≈ ${hw(p, fixed4)}`, [`${n('p')} = softmax(${n('s')})`, mj(p, fixed4)]);
    w.statement(`sum(${n('p')}) = 1`, [`sum(${n('p')})`, '1']);
    w.statement(`answer ${n('ce')} = cross_entropy(${n('p')}, ${n('t')}) ≈ ${fixed4(ce)}`, [
      `${n('ce')} = cross_entropy(${n('p')}, ${n('t')})`,
      fixed4(ce),
    ]);
    w.statement(`sigmoid(${num(u)}) ≈ ${fixed4(sigmoid)}`, [`sigmoid(${num(u)})`, fixed4(sigmoid)]);
    w.statement(`mse(${hw(yhat)}, ${hw(target)}) = ${num(mse)}`, [`mse(${mj(yhat)}, ${mj(target)})`, num(mse)]);
  },
};

/** conv2d, pooling and output sizes. 6 statements. */
const convolution: Block = {
  title: 'Convolution and pooling',
  mistakes: ['wrong-entry', 'wrong-solver'],
  write(w, r, k, mistake) {
    const input = r.matrix(4, 4, 0, 7);
    const kernel = r.matrix(2, 2, -1, 1);
    let out = conv2d(input, kernel);
    const maxPooled = pool(input, 2, (v) => Math.max(...v));
    const avgPooled = pool(input, 2, (v) => v.reduce((a, b) => a + b, 0) / v.length);
    const size = r.pick([28, 32, 36, 64]);
    const kSize = r.pick([3, 5]);
    const padding = r.int(0, 3);
    const stride = r.int(1, 3);
    const outSize = convOut(size, kSize, padding, stride);
    const n = (name: string) => `${name}_${k}`;
    w.statement(`given ${n('I')} = ${hw(input)}`, [`${n('I')} = ${mj(input)}`]);
    w.statement(`given ${n('K')} = ${hw(kernel)}`, [`${n('K')} = ${mj(kernel)}`]);
    if (mistake === 'wrong-entry') {
      out = out.map((row) => [...row]);
      out[r.int(0, 2)][r.int(0, 2)] += 3;
    }
    const convLine = w.statement(`${n('C')} = conv2d(${n('I')}, ${n('K')}) = ${hw(out)}`, [
      `${n('C')} = conv2d(${n('I')}, ${n('K')})`,
      mj(out),
    ]);
    if (mistake === 'wrong-entry') w.plant(convLine, 'value.wrong-entry');
    w.statement(`maxpool(${n('I')}) = ${hw(maxPooled)}`, [`maxpool(${n('I')})`, mj(maxPooled)]);
    w.statement(`avgpool(${n('I')}, 2) = ${hw(avgPooled)}`, [`avgpool(${n('I')}, 2)`, mj(avgPooled)]);
    const stated = mistake === 'wrong-solver' ? outSize + 1 : outSize;
    const outLine = w.statement(
      `answer conv_out(${size}, ${kSize}, padding=${padding}, stride=${stride}) = ${stated}`,
      [`conv_out(${size}, ${kSize}, ${padding}, ${stride})`, `${stated}`],
    );
    w.offerEditable(outLine, String(stated));
    if (mistake === 'wrong-solver') w.plant(outLine, 'value.wrong');
  },
};

/** Random search: min_trials with its formula, combinations, factorial. 5 statements. */
const probability: Block = {
  title: 'Random search',
  mistakes: ['wrong-solver'],
  write(w, r, k, mistake) {
    const p = r.pick([0.02, 0.05, 0.1, 0.2]);
    const q = r.pick([0.9, 0.95, 0.99]);
    const trials = minTrials(p, q);
    const ratio = Math.log(1 - q) / Math.log(1 - p);
    const total = r.int(5, 10);
    const chosen = r.int(1, 4);
    const m = r.int(3, 8);
    const n = (name: string) => `${name}_${k}`;
    w.statement(`given ${n('p')} = ${p}`, [`${n('p')} = ${p}`]);
    w.statement(`ln(1 - ${q}) / ln(1 - ${n('p')}) ≈ ${ratio.toFixed(2)}`, [
      `log(1 - ${q}) / log(1 - ${n('p')})`,
      ratio.toFixed(2),
    ]);
    const stated = mistake === 'wrong-solver' ? trials - 1 : trials;
    const line = w.statement(`answer ${n('N')} = min_trials(${n('p')}, ${q}) = ${stated}`, [
      `${n('N')} = min_trials(${n('p')}, ${q})`,
      `${stated}`,
    ]);
    if (mistake === 'wrong-solver') w.plant(line, 'value.wrong');
    w.offerEditable(line, String(stated));
    w.statement(`combinations(${total}, ${chosen}) = ${combinations(total, chosen)}`, [
      `combinations(${total}, ${chosen})`,
      `${combinations(total, chosen)}`,
    ]);
    w.statement(`factorial(${m}) = ${factorial(m)}`, [`factorial(${m})`, `${factorial(m)}`]);
  },
};

/** A grid search's cost in epochs and minutes (needs `unit epoch` in the problem). 4 statements. */
const units: Block = {
  title: 'Grid search time',
  mistakes: ['wrong-scalar'],
  write(w, r, k, mistake) {
    const a = r.int(2, 10);
    const b = r.int(2, 8);
    const c = r.int(2, 6);
    const combos = a * b * c;
    const epochsEach = r.pick([5, 10, 20]);
    const minutesEach = r.pick([2, 3, 6]);
    const epochs = combos * epochsEach;
    const minutes = epochs * minutesEach;
    const n = (name: string) => `${name}_${k}`;
    w.statement(`given ${n('na')} = ${a}, ${n('nb')} = ${b}`, [`${n('na')} = ${a}`, `${n('nb')} = ${b}`]);
    const stated = mistake === 'wrong-scalar' ? combos + 10 : combos;
    const line = w.statement(`${n('combos')} = ${n('na')} × ${n('nb')} × ${c} = ${a} × ${b} × ${c} = ${stated}`, [
      `${n('combos')} = ${n('na')} * ${n('nb')} * ${c}`,
      `${a} * ${b} * ${c}`,
      `${stated}`,
    ]);
    if (mistake === 'wrong-scalar') w.plant(line, 'value.wrong');
    w.offerEditable(line, String(stated));
    w.statement(`${n('epochs')} = ${n('combos')} × ${epochsEach} epoch = ${epochs} epoch`, [
      `${n('epochs')} = ${n('combos')} * ${epochsEach} epoch`,
      `${epochs} epoch`,
    ]);
    w.statement(`answer ${n('time')} = ${n('epochs')} × ${minutesEach} min/epoch = ${minutes} min`, [
      `${n('time')} = ${n('epochs')} * ${minutesEach} minute / epoch`,
      `${minutes} minute`,
    ]);
  },
};

/** Products, transposes and reductions of small integer matrices. 7 statements. */
const algebra: Block = {
  title: 'Matrix algebra',
  mistakes: ['undefined-name', 'shape', 'wrong-entry'],
  write(w, r, k, mistake) {
    const A = r.matrix(3, 2, -4, 4);
    const B = r.matrix(2, 3, -4, 4);
    const P = mul(A, B);
    const Q = mul(transpose(A), A);
    const trace = P[0][0] + P[1][1] + P[2][2];
    const total = flat(P).reduce((a, b) => a + b, 0);
    const largest = Math.max(...flat(P));
    const n = (name: string) => `${name}_${k}`;
    w.statement(`given ${n('A')} = ${hw(A)}, ${n('B')} = ${hw(B)}`, [`${n('A')} = ${mj(A)}`, `${n('B')} = ${mj(B)}`]);
    let statedP = P;
    if (mistake === 'wrong-entry') {
      statedP = P.map((row) => [...row]);
      statedP[r.int(0, 2)][r.int(0, 2)] -= 5;
    }
    const pLine = w.statement(`${n('P')} = ${n('A')} ${n('B')} = ${hw(statedP)}`, [
      `${n('P')} = ${n('A')} * ${n('B')}`,
      mj(statedP),
    ]);
    if (mistake === 'wrong-entry') w.plant(pLine, 'value.wrong-entry');
    w.statement(`${n('Q')} = ${n('A')}ᵀ ${n('A')} = ${hw(Q)}`, [`${n('Q')} = ${n('A')}' * ${n('A')}`, mj(Q)]);
    // The typo drops the underscore, as a hurried writer would.
    const traceName = mistake === 'undefined-name' ? `P${k}` : n('P');
    const traceLine = w.statement(`trace(${traceName}) = ${trace}`, [`trace(${n('P')})`, `${trace}`]);
    if (mistake === 'undefined-name') w.plant(traceLine, 'name.undefined');
    w.offerEditable(traceLine, String(trace));
    w.statement(`sum(${n('P')}) = ${total}`, [`sum(${n('P')})`, `${total}`]);
    w.statement(`max(${n('P')}) = ${largest}`, [`max(${n('P')})`, `${largest}`]);
    // Aᵀ where A belongs: 2×3 times 2×3 cannot be multiplied.
    const left = mistake === 'shape' ? `${n('A')}ᵀ` : n('A');
    const right = hadamard(A, A);
    const hLine = w.statement(`${left} ⊙ ${n('A')} = ${hw(right)}`, [`${n('A')} .* ${n('A')}`, mj(right)]);
    if (mistake === 'shape') w.plant(hLine, 'shape.mismatch');
  },
};

/** SGD and momentum steps. 4 statements. */
const optimizer: Block = {
  title: 'Optimizer steps',
  mistakes: ['wrong-entry'],
  write(w, r, k, mistake) {
    const weights = column([r.int(-5, 5), r.int(-5, 5)]);
    const grad = column([r.int(-5, 5), r.int(-5, 5)]);
    const velocity = column([r.int(-2, 2) / 10, r.int(-2, 2) / 10]);
    const lr = r.pick([0.1, 0.01, 0.5]);
    const sgd = add(weights, scale(grad, -lr));
    const newVelocity = add(scale(velocity, 0.9), scale(grad, -lr));
    const momentum = add(weights, newVelocity);
    const n = (name: string) => `${name}_${k}`;
    w.statement(`given ${n('w')} = ${hw(weights)}, ${n('g')} = ${hw(grad)}, ${n('v')} = ${hw(velocity)}`, [
      `${n('w')} = ${mj(weights)}`,
      `${n('g')} = ${mj(grad)}`,
      `${n('v')} = ${mj(velocity)}`,
    ]);
    let statedSgd = sgd;
    if (mistake === 'wrong-entry') statedSgd = [[sgd[0][0] + 1], [sgd[1][0]]];
    const sgdLine = w.statement(
      `sgd_step(${n('w')}, ${n('g')}, ${lr}) = ${n('w')} - ${lr} ${n('g')} = ${hw(statedSgd)}`,
      [`sgd_step(${n('w')}, ${n('g')}, ${lr})`, `${n('w')} - ${lr} * ${n('g')}`, mj(statedSgd)],
    );
    if (mistake === 'wrong-entry') w.plant(sgdLine, 'value.wrong-entry');
    w.statement(`answer momentum_step(${n('w')}, ${n('v')}, ${n('g')}, ${lr}) = ${hw(momentum)}`, [
      `momentum_step(${n('w')}, ${n('v')}, ${n('g')}, ${lr})`,
      mj(momentum),
    ]);
    w.statement(`${n('w')} + 0.9 ${n('v')} - ${lr} ${n('g')} = ${hw(momentum)}`, [
      `${n('w')} + 0.9 * ${n('v')} - ${lr} * ${n('g')}`,
      mj(momentum),
    ]);
  },
};

const BLOCKS: readonly Block[] = [network, network, activations, convolution, probability, units, algebra, optimizer];

/** Fills the last problem up to the exact statement count: one-line sums. */
function filler(w: Writer, r: Random, k: number): void {
  const a = r.int(1, 99);
  const b = r.int(1, 99);
  w.statement(`${a} + ${b} × 2 = ${a + 2 * b}`, [`${a} + ${b} * 2`, `${a + 2 * b}`]);
  void k;
}

// ------------------------------------------------------------------ generate

export interface GenerateOptions {
  readonly seed?: number;
  /** Chance that a question carries one planted mistake (when its kind can make one). */
  readonly mistakeRate?: number;
}

/** A homework of exactly `statementCount` statements. */
export function generateHomework(statementCount: number, options: GenerateOptions = {}): GeneratedHomework {
  const r = new Random(options.seed ?? 20261127);
  const mistakeRate = options.mistakeRate ?? 0.08;
  const w = new Writer();
  const problems: { firstLine: number; lastLine: number; statements: MathjsStatement[]; editable: Editable }[] = [];
  w.line(`homework "Benchmark: ${statementCount} statements"`);
  w.line('# Generated by bench/generate.ts (fixed seed): do not edit by hand.');
  for (let p = 1; w.statements < statementCount; p++) {
    w.line('');
    const firstLine = w.lines.length + 1;
    w.line(`problem ${p} "Generated problem ${p}"`);
    w.mathjs = [];
    w.editable = undefined;
    w.statement('unit epoch', []);
    const target = r.int(20, 50);
    const start = w.statements;
    // One statement stays in reserve for a problem that has no editable number yet.
    const budget = () => statementCount - (w.editable ? 0 : 1);
    // A problem also takes in a tail too short to make a problem of its own.
    for (let q = 1; (w.statements - start < target || budget() - w.statements < 20) && w.statements < budget(); q++) {
      const remaining = budget() - w.statements;
      const block = r.pick(BLOCKS);
      // Near the end, whole questions no longer fit: fill with one-liners.
      if (remaining < 16) {
        w.line(`question ${q} "Arithmetic"`);
        while (w.statements < budget()) filler(w, r, q);
        break;
      }
      w.line(`question ${q} "${block.title}"`);
      if (r.chance(0.3)) w.line(`> Question ${q}: show the working, then the value.`);
      const mistake = block.mistakes.length > 0 && r.chance(mistakeRate) ? r.pick(block.mistakes) : undefined;
      block.write(w, r, q, mistake);
    }
    if (!w.editable) {
      const line = w.statement('edit_me = 40 + 2 = 42', ['edit_me = 40 + 2', '42']);
      w.offerEditable(line, '42');
    }
    problems.push({ firstLine, lastLine: w.lines.length, statements: w.mathjs, editable: w.editable! });
  }
  const text = w.lines.join('\n') + '\n';
  const lineStarts: number[] = [0];
  for (const l of w.lines) lineStarts.push(lineStarts[lineStarts.length - 1] + l.length + 1);
  return {
    text,
    statements: w.statements,
    planted: w.planted,
    gradientStatements: w.gradientStatements,
    problems: problems.map((p) => ({
      firstLine: p.firstLine,
      lastLine: p.lastLine,
      statements: p.statements,
      editable: { offset: lineStarts[p.editable.line - 1] + p.editable.column, text: p.editable.text },
    })),
  };
}

/** The text with one number changed in the middle problem (one digit longer, so later spans shift). */
export function editMiddleProblem(homework: GeneratedHomework): string {
  const { offset, text } = homework.problems[Math.floor(homework.problems.length / 2)].editable;
  if (homework.text.slice(offset, offset + text.length) !== text)
    throw new Error(`the editable number ${text} is not at offset ${offset}`);
  return homework.text.slice(0, offset) + text + '1' + homework.text.slice(offset + text.length);
}

/**
 * Checks the homework and throws unless its errors are exactly the planted
 * ones (same lines, same codes) and it has no warning. Returns the result.
 */
export function verifyHomework(homework: GeneratedHomework, result: CheckResult = check(homework.text)): CheckResult {
  const lines = new LineIndex(homework.text);
  const describe = (line: number, code: string) => `${line} ${code}`;
  const actual = result.diagnostics
    .filter((d) => d.severity !== 'info')
    .map(
      (d) =>
        `${describe(lines.positionAt(d.span.start).line + 1, d.code)}${d.severity === 'warning' ? ' (warning)' : ''}`,
    );
  const expected = homework.planted.map((p) => describe(p.line, p.code));
  const missing = expected.filter((e) => !actual.includes(e));
  const unexpected = actual.filter((a) => !expected.includes(a));
  if (missing.length > 0 || unexpected.length > 0 || actual.length !== expected.length) {
    const textLines = homework.text.split('\n');
    const show = (entry: string) => `${entry}: ${textLines[Number(entry.split(' ')[0]) - 1]}`;
    const messages = result.diagnostics
      .filter((d) => d.severity !== 'info')
      .map((d) => `${lines.positionAt(d.span.start).line + 1} ${d.code}: ${d.message}`);
    throw new Error(
      [
        `generated homework does not check with exactly its ${expected.length} planted errors`,
        ...missing.map((m) => `  missing  ${show(m)}`),
        ...unexpected.map((u) => `  unexpected ${show(u)}`),
        ...messages.slice(0, 20).map((m) => `  reported ${m}`),
      ].join('\n'),
    );
  }
  return result;
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 1000);
  const out = process.argv[3];
  const homework = generateHomework(count);
  verifyHomework(homework);
  if (out) fs.writeFileSync(out, homework.text);
  console.log(
    `${homework.statements} statements in ${homework.problems.length} problems, ${homework.planted.length} planted errors; checked: exactly those${out ? ` (written to ${out})` : ''}`,
  );
}
