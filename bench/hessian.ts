/**
 * A Hessian at the size limit costs little: `∂²L/∂W1²` of a one-hidden-layer
 * tanh network, for W1 of 25, 100 and 400 entries (the limit), full check of
 * the homework each, median of a few rounds. Target: ≤ 1 s at 400 entries
 * (one backward pass per entry over a tape that grows with each).
 * Reported, never asserted (timings on a shared machine are no pass/fail).
 *
 * Usage: npm run bench:hessian
 */
import { check } from '../src/core';

const ROUNDS = 5;

function matrix(rows: number, cols: number, entry: (i: number, j: number) => number): string {
  const lines = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => entry(i, j).toFixed(3)).join(', '),
  );
  return `[${lines.join('; ')}]`;
}

/** W1 is side × side; the rest is fixed by it. */
function homework(side: number): string {
  return [
    `given x = ${matrix(side, 1, (i) => Math.sin(i))}`,
    `given W1 = ${matrix(side, side, (i, j) => Math.cos(7 * i + j) / 3)}`,
    `given W2 = ${matrix(1, side, (_, j) => Math.sin(j) / 2)}`,
    'h = tanh(W1 x)',
    'L = (W2 h - 0.3)^2',
    'H = ∂²L/∂W1²',
  ].join('\n');
}

for (const side of [5, 10, 20]) {
  const text = homework(side);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const result = check(text);
    times.push(performance.now() - started);
    const problems = result.diagnostics.filter((d) => d.severity !== 'info');
    if (problems.length > 0) throw new Error(`the bench homework has findings: ${problems[0].message}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(ROUNDS / 2)];
  console.log(
    `Hessian of ${side * side} entries: median ${median.toFixed(0)} ms over ${ROUNDS} checks (target ≤ 1000 ms)`,
  );
}
