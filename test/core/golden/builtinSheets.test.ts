/**
 * Two homework sheets written with the built-ins (linear algebra and
 * probability; a sequence model: an RNN over three steps with BPTT, an LSTM
 * step, causal attention, positional encodings). Every planted mistake (a
 * line marked `slip`) is an error on its line, and no other line has any
 * finding: 0 missed, 0 false. The written values come from the committed
 * NumPy/PyTorch oracle, and the oracle's full-precision values are checked
 * again under `=` (relative 1e-9).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check } from '../../../src/core';
import { REPO_ROOT } from '../../fixtures/paths';

const dir = path.join(REPO_ROOT, 'test', 'fixtures', 'homework');
const truths = JSON.parse(fs.readFileSync(path.join(dir, 'builtin_sheets.json'), 'utf8')) as Record<string, unknown>;

function findingsByLine(text: string): Map<number, string[]> {
  const lines = new Map<number, string[]>();
  for (const d of check(text).diagnostics) {
    const line = text.slice(0, d.span.start).split('\n').length;
    lines.set(line, [...(lines.get(line) ?? []), `${d.severity} ${d.code}`]);
  }
  return lines;
}

for (const sheet of ['linalg-probability.hw', 'sequence-model.hw']) {
  test(`${sheet}: every planted mistake is an error on its line, and nothing else is reported`, () => {
    const text = fs.readFileSync(path.join(dir, sheet), 'utf8');
    const planted = text
      .split('\n')
      .map((l, i) => (/#\s*slip\b/.test(l) ? i + 1 : 0))
      .filter((n) => n > 0);
    assert.ok(planted.length >= 3, `${sheet} plants mistakes`);
    const found = findingsByLine(text);
    const missed = planted.filter((line) => !(found.get(line) ?? []).some((f) => f.startsWith('error')));
    const extra = [...found.entries()].filter(([line]) => !planted.includes(line));
    assert.deepEqual(missed, [], 'missed');
    assert.deepEqual(extra, [], 'false findings');
  });
}

/** A matrix literal from nested arrays, at full precision. */
function literal(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const rows = value as number[][] | number[];
  if (typeof rows[0] === 'number') return `[${(rows as number[]).join('; ')}]`;
  return `[${(rows as number[][]).map((r) => r.join(', ')).join('; ')}]`;
}

test("the oracle's full-precision values hold under = (relative 1e-9)", () => {
  const rnn = truths.rnn_h as number[][][];
  const lines = [
    'problem 1 "linear algebra"',
    'given A = [2, 1; 1, 2], M = [3, 2, 2; 2, 3, -2], X = [1, 1; 1, 2; 1, 3; 1, 4], y = [6; 5; 7; 10]',
    `eig(A) = ${literal(truths.eig_A)}`,
    `eigvecs(A) = ${literal(truths.eigvecs_A)}`,
    `svd(M) = ${literal(truths.svd_M)}`,
    `norm(M) = ${literal(truths.norm_M_fro)}`,
    `lstsq(X, y) = ${literal(truths.lstsq)}`,
    `norm(y - X lstsq(X, y)) = ${literal(truths.residual_norm)}`,
    `var([2, 4, 4, 4, 5, 5, 7, 9], ddof=1) = ${literal(truths.var_sample)}`,
    `cov([1, 2; 2, 3.5; 3, 6.5; 4, 8], ddof=1) = ${literal(truths.cov_D_sample)}`,
    `1 - normal_cdf(130, mu=100, sigma=15) = ${literal(truths.iq_above_130)}`,
    `normal_pdf(115, mu=100, sigma=15) = ${literal(truths.iq_pdf_115)}`,
    `binomial_pmf(3, 10, 0.3) = ${literal(truths.binom_3_10)}`,
    `kl_div([0.5; 0.25; 0.25], [0.4; 0.4; 0.2]) = ${literal(truths.kl_pq)}`,
    `binary_cross_entropy([0.9; 0.3; 0.8], [1; 0; 1]) = ${literal(truths.bce)}`,
    'problem 2 "sequence model"',
    'given W_ih = [0.5; -0.3], W_hh = [0.1, 0.4; -0.2, 0.3], b = [0, 0.1], h0 = [0, 0]',
    `h1 = rnn_cell(1, h0, W_ih, W_hh, b) = ${literal(rnn[0])}`,
    `h2 = rnn_cell(0.5, h1, W_ih, W_hh, b) = ${literal(rnn[1])}`,
    `h3 = rnn_cell(-1, h2, W_ih, W_hh, b) = ${literal(rnn[2])}`,
    'L = sum(h3)',
    `∂L/∂W_hh = ${literal(truths.rnn_dL_dWhh)}`,
    `∂L/∂W_ih = ${literal(truths.rnn_dL_dWih)}`,
    'given Q = [1, 0; 0, 1; 1, 1], K = [1, 0; 1, 1; 0, 1], V = [1, 0; 0, 2; 3, 1]',
    `attention(Q, K, V, [1, 0, 0; 1, 1, 0; 1, 1, 1]) = ${literal(truths.causal_attention)}`,
    `positional_encoding(3, 4) = ${literal(truths.positional_3_4)}`,
    `lstm_params(2, 2) = ${truths.lstm_params_2_2}`,
    'given Wi = [0.1, 0.2; 0.3, -0.1; 0.2, 0.2; -0.3, 0.1; 0, 0.4; 0.1, 0.1; 0.5, -0.2; 0.2, 0.3]',
    'given Wh = [0.2, 0; 0.1, 0.1; -0.1, 0.2; 0, 0.3; 0.3, -0.2; 0.2, 0.1; 0.1, 0; 0, 0.2]',
    `lstm_cell([1, -1], [0.5, -0.5], [0.2, 0.1], Wi, Wh) = [${(truths.lstm_h as number[][])[0].concat((truths.lstm_c as number[][])[0]).join(', ')}]`,
  ];
  const text = `${lines.join('\n')}\n`;
  const found = [...findingsByLine(text).entries()].map(([line, f]) => `${lines[line - 1]}: ${f.join(', ')}`);
  assert.deepEqual(found, []);
});
