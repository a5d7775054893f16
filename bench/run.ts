/**
 * The checker's benchmark: statements per second for a full check, for a
 * re-check after one edited line, and for mathjs parse+evaluate of the same
 * arithmetic, at 1k and 10k statements, with the ratios the project targets
 * (a full check ≥ 5× faster than mathjs; a re-check ≤ 0.1 of a full check)
 * and the heap a full check of 10k keeps.
 *
 * Targets are reported, never asserted: timings on a shared machine are not
 * a pass/fail signal. All three measurements run interleaved in one process
 * (round-robin, median of the rounds), so load from other work falls on all
 * of them alike and the ratios stay meaningful even when the absolute
 * figures do not.
 *
 * Usage: npm run bench   (tsc -p tsconfig.test.json && node out/bench/run.js)
 */
import * as os from 'node:os';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { all, create, type MathJsInstance, type Matrix as MathMatrix } from 'mathjs';
import { check, HomeworkChecker } from '../src/core';
import { parse } from '../src/core/syntax/parser';
import { editMiddleProblem, generateHomework, verifyHomework, type GeneratedHomework } from './generate';
import { addTensorBaseline, generateTensorHomework } from './tensorHomework';

// ------------------------------------------------------------------ the mathjs baseline

type Grid = number[][];

/**
 * A private mathjs instance with the built-ins the homework uses that
 * mathjs lacks (relu, softmax, conv2d, …) as plain functions: what a naive
 * checker built on mathjs would add. `relu'` is spelled `drelu`.
 */
export function mathjsBaseline(): MathJsInstance {
  const math = create(all);
  math.createUnit('epoch');
  const grid = (m: unknown): Grid => {
    const a = (math.isMatrix(m) ? (m as MathMatrix).toArray() : m) as unknown;
    if (typeof a === 'number') return [[a]];
    return a as Grid;
  };
  const out = (g: Grid): MathMatrix => math.matrix(g);
  const each = (m: unknown, f: (x: number) => number): MathMatrix => out(grid(m).map((row) => row.map(f)));
  const sum = (g: Grid): number => g.flat().reduce((a, b) => a + b, 0);
  const pool = (m: unknown, size: number, reduce: (w: number[]) => number): MathMatrix => {
    const input = grid(m);
    const rows = Math.floor(input.length / size);
    const cols = Math.floor(input[0].length / size);
    return out(
      Array.from({ length: rows }, (_, i) =>
        Array.from({ length: cols }, (_, j) => {
          const window: number[] = [];
          for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) window.push(input[i * size + a][j * size + b]);
          return reduce(window);
        }),
      ),
    );
  };
  const addScaled = (a: Grid, s: number, b: Grid): Grid => a.map((row, i) => row.map((x, j) => x + s * b[i][j]));
  math.import(
    {
      relu: (m: unknown) => each(m, (x) => Math.max(0, x)),
      drelu: (m: unknown) => each(m, (x) => (x > 0 ? 1 : 0)),
      sigmoid: (x: number) => 1 / (1 + Math.exp(-x)),
      softmax: (m: unknown) => {
        const g = grid(m);
        const top = Math.max(...g.flat());
        const total = sum(g.map((row) => row.map((x) => Math.exp(x - top))));
        return out(g.map((row) => row.map((x) => Math.exp(x - top) / total)));
      },
      cross_entropy: (p: unknown, y: unknown) => {
        const pg = grid(p);
        return -sum(grid(y).map((row, i) => row.map((t, j) => (t === 0 ? 0 : t * Math.log(pg[i][j])))));
      },
      mse: (a: unknown, b: unknown) => {
        const ag = grid(a);
        const bg = grid(b);
        return sum(ag.map((row, i) => row.map((x, j) => (x - bg[i][j]) ** 2))) / ag.flat().length;
      },
      conv2d: (input: unknown, kernel: unknown) => {
        const I = grid(input);
        const K = grid(kernel);
        const rows = I.length - K.length + 1;
        const cols = I[0].length - K[0].length + 1;
        return out(
          Array.from({ length: rows }, (_, i) =>
            Array.from({ length: cols }, (_, j) =>
              K.reduce((s, krow, a) => s + krow.reduce((t, k, b) => t + k * I[i + a][j + b], 0), 0),
            ),
          ),
        );
      },
      maxpool: (m: unknown, size = 2) => pool(m, size, (w) => Math.max(...w)),
      avgpool: (m: unknown, size = 2) => pool(m, size, (w) => w.reduce((a, b) => a + b, 0) / w.length),
      conv_out: (n: number, k: number, padding = 0, stride = 1) => Math.floor((n + 2 * padding - k) / stride) + 1,
      min_trials: (p: number, q: number) => Math.ceil(Math.log(1 - q) / Math.log(1 - p)),
      sgd_step: (w: unknown, g: unknown, lr: number) => out(addScaled(grid(w), -lr, grid(g))),
      momentum_step: (w: unknown, v: unknown, g: unknown, lr: number, beta = 0.9) => {
        const velocity = addScaled(
          grid(v).map((row) => row.map((x) => beta * x)),
          -lr,
          grid(g),
        );
        return out(addScaled(grid(w), 1, velocity));
      },
    },
    { override: true },
  );
  return math;
}

/** A naive checker's work: every expression of every statement parsed and evaluated, one scope per problem. */
export function evaluateWithMathjs(math: MathJsInstance, homework: GeneratedHomework): number {
  let expressions = 0;
  for (const problem of homework.problems) {
    const scope = new Map<string, unknown>();
    for (const statement of problem.statements) {
      for (const expression of statement) {
        math.parse(expression).evaluate(scope);
        expressions++;
      }
    }
  }
  return expressions;
}

// ------------------------------------------------------------------ measuring

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeMs(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The engine's gc, exposed at run time, so `node out/bench/run.js` needs no flag. */
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

interface SizeResult {
  readonly statements: number;
  readonly problems: number;
  readonly planted: number;
  readonly expressions: number;
  readonly gradientStatements: number;
  readonly fullMs: number;
  readonly recheckMs: number;
  readonly mathjsMs: number;
  /** Parsing the whole file at once, for scale: a re-check parses only the problem whose text changed. */
  readonly parseMs: number;
  readonly rounds: number;
  readonly warmups: number;
}

function measure(statementCount: number, rounds: number, warmups: number, math: MathJsInstance): SizeResult {
  const homework = generateHomework(statementCount);
  const edited = editMiddleProblem(homework);
  // Correctness first (and a warm-up): exactly the planted errors; mathjs evaluates every expression.
  verifyHomework(homework);
  const expressions = evaluateWithMathjs(math, homework);
  // The re-checker alternates between the edited and the original text:
  // each check is a re-check after one edited line (the middle problem).
  const rechecker = new HomeworkChecker();
  rechecker.check(homework.text);
  let texts = [edited, homework.text];
  const full: number[] = [];
  const recheck: number[] = [];
  const baseline: number[] = [];
  const parsing: number[] = [];
  for (let round = 0; round < warmups + rounds; round++) {
    const fullMs = timeMs(() => check(homework.text));
    // Several re-checks per round: each is short, and one alone is mostly timer and GC noise.
    const recheckRuns = 4;
    let recheckTotal = 0;
    for (let i = 0; i < recheckRuns; i++) {
      const text = texts[0];
      texts = [texts[1], texts[0]];
      recheckTotal += timeMs(() => rechecker.check(text));
    }
    const mathjsMs = timeMs(() => evaluateWithMathjs(math, homework));
    const parseMs = timeMs(() => parse(homework.text));
    if (round < warmups) continue;
    full.push(fullMs);
    recheck.push(recheckTotal / recheckRuns);
    baseline.push(mathjsMs);
    parsing.push(parseMs);
  }
  return {
    statements: homework.statements,
    problems: homework.problems.length,
    planted: homework.planted.length,
    expressions,
    gradientStatements: homework.gradientStatements,
    fullMs: median(full),
    recheckMs: median(recheck),
    mathjsMs: median(baseline),
    parseMs: median(parsing),
    rounds,
    warmups,
  };
}

/**
 * The tensor row: a batch/CNN homework (broadcast bias, axis reductions, a
 * ReLU gradient, a multi-channel conv2d), full check against mathjs on the
 * same arithmetic, interleaved, median. The file must check clean first.
 */
function measureTensors(
  statementCount: number,
  rounds: number,
  math: MathJsInstance,
): { statements: number; fullMs: number; mathjsMs: number; gradientStatements: number } {
  const homework = generateTensorHomework(statementCount);
  const result = check(homework.text);
  if (result.diagnostics.length > 0) {
    const d = result.diagnostics[0];
    throw new Error(`the tensor homework should check clean: ${d.code} ${d.message}`);
  }
  addTensorBaseline(math);
  evaluateWithMathjs(math, homework);
  const full: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    const fullMs = timeMs(() => check(homework.text));
    const mathjsMs = timeMs(() => evaluateWithMathjs(math, homework));
    if (round === 0) continue;
    full.push(fullMs);
    baseline.push(mathjsMs);
  }
  return {
    statements: homework.statements,
    fullMs: median(full),
    mathjsMs: median(baseline),
    gradientStatements: homework.gradientStatements,
  };
}

/**
 * The heap a full check of the homework keeps (result alive, after gc), its
 * peak-ish growth before gc, and what it keeps once every lazy part of the
 * model has been read (what the derivations view and the export do); per
 * statement, the last two against the target of 5 KB.
 */
function measureHeap(statementCount: number): {
  retainedMb: number;
  grownMb: number;
  perStatementKb: number;
  perStatementReadKb: number;
} {
  const gc = exposeGc();
  const homework = generateHomework(statementCount);
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = check(homework.text);
  const grown = process.memoryUsage().heapUsed - before;
  gc();
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  JSON.stringify(result.document);
  gc();
  gc();
  const retainedRead = process.memoryUsage().heapUsed - before;
  if (result.diagnostics.length === 0) throw new Error('the check found nothing: the generator lost its mistakes');
  return {
    retainedMb: retained / 2 ** 20,
    grownMb: grown / 2 ** 20,
    perStatementKb: retained / statementCount / 1024,
    perStatementReadKb: retainedRead / statementCount / 1024,
  };
}

// ------------------------------------------------------------------ report

const perSecond = (statements: number, ms: number): string =>
  Math.round((statements / ms) * 1000).toLocaleString('en-US');
const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const pad = (text: string, width: number): string => text.padStart(width);

function main(): void {
  const math = mathjsBaseline();
  const loadBefore = os.loadavg()[0];
  // Each row is timed after about 10,000 statements of warm-up (ten 1k checks, one 10k check): with two,
  // the 1k row was timed while the JIT was still compiling, and measured warm-up more than checking.
  const results = [measure(1000, 7, 10, math), measure(10000, 5, 1, math)];
  const heap = measureHeap(10000);
  const tensors = measureTensors(1000, 7, math);
  const loadAfter = os.loadavg()[0];

  console.log(
    `Homework Checker benchmark · node ${process.version} · ${os.cpus().length} cores · load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} (1-min avg)`,
  );
  console.log(
    'medians of interleaved rounds (full check, re-checks, mathjs) after warm-up rounds; re-check = mean of 4 alternating one-line edits in the middle problem; stmt/s = statements in the file / median time\n',
  );
  const header = [
    'statements',
    'full check',
    'stmt/s',
    're-check',
    'stmt/s',
    'mathjs',
    'stmt/s',
    'full/mathjs',
    'recheck/full',
  ];
  const widths = [14, 12, 10, 10, 12, 11, 10, 11, 12];
  console.log(header.map((h, i) => pad(h, widths[i])).join('  '));
  for (const r of results) {
    console.log(
      [
        r.statements.toLocaleString('en-US'),
        `${ms(r.fullMs)} ms`,
        perSecond(r.statements, r.fullMs),
        `${ms(r.recheckMs)} ms`,
        perSecond(r.statements, r.recheckMs),
        `${ms(r.mathjsMs)} ms`,
        perSecond(r.statements, r.mathjsMs),
        `${(r.mathjsMs / r.fullMs).toFixed(2)}×`,
        (r.recheckMs / r.fullMs).toFixed(3),
      ]
        .map((cell, i) => pad(cell, widths[i]))
        .join('  '),
    );
  }
  console.log(
    [
      `${tensors.statements.toLocaleString('en-US')} (tensor)`,
      `${ms(tensors.fullMs)} ms`,
      perSecond(tensors.statements, tensors.fullMs),
      '–',
      '–',
      `${ms(tensors.mathjsMs)} ms`,
      perSecond(tensors.statements, tensors.mathjsMs),
      `${(tensors.mathjsMs / tensors.fullMs).toFixed(2)}×`,
      '–',
    ]
      .map((cell, i) => pad(cell, widths[i]))
      .join('  '),
  );
  console.log('');
  console.log(
    `tensor row: a batch/CNN homework (X W + b broadcast over 4 rows, sum/mean over an axis, relu and ∂L/∂b, conv2d of a 2×3×3 image by a 2×2×2×2 bank with biases), checked clean; mathjs ran the same arithmetic with its N-d matrices and broadcasting, its ${tensors.gradientStatements} ∂ links skipped`,
  );
  for (const r of results) {
    console.log(
      `${r.statements} statements: ${r.problems} problems, ${r.planted} planted errors (verified: exactly those), ${r.rounds} rounds after ${r.warmups} warm-up; mathjs ran ${r.expressions} expressions and skipped the ∂ links of ${r.gradientStatements} gradient statements (it cannot differentiate: their forward expressions only)`,
    );
  }
  for (const r of results) {
    console.log(
      `re-check at ${r.statements}: parsing the whole file would take ${ms(r.parseMs)} ms (${(r.parseMs / r.recheckMs).toFixed(1)}× a re-check, which parses only the edited problem)`,
    );
  }
  console.log(
    `memory: a full check of 10k statements keeps ${heap.retainedMb.toFixed(1)} MB of heap (heapUsed delta after gc, result alive); ${heap.grownMb.toFixed(1)} MB before gc`,
  );
  console.log(
    `heap per statement (10k): ${heap.perStatementKb.toFixed(1)} KB after the check, ${heap.perStatementReadKb.toFixed(1)} KB once the whole model has been read`,
  );
  console.log(
    'targets (reported, not asserted): full check ≥ 5× faster than mathjs (full/mathjs ≥ 5), re-check ≤ 0.1 of a full check, heap per statement < 5 KB\n',
  );
  const big = results[results.length - 1];
  const small = results[0];
  console.log(
    `bench: full/mathjs = ${(small.mathjsMs / small.fullMs).toFixed(2)}× (1k), ${(big.mathjsMs / big.fullMs).toFixed(2)}× (10k), recheck/full = ${(small.recheckMs / small.fullMs).toFixed(3)} (1k), ${(big.recheckMs / big.fullMs).toFixed(3)} (10k)`,
  );
}

if (require.main === module) main();
