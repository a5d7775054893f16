/**
 * One step of a recurrent cell, as PyTorch's RNNCell, LSTMCell and GRUCell,
 * on rows of samples: x is N × I (one row per sample), h and c are N × H,
 * W_ih is (k·H) × I and W_hh (k·H) × H with the gates stacked in PyTorch's
 * order, the biases a scalar or a 1 × (k·H) row (default 0).
 *
 * Syntax:
 *
 *     rnn_cell(x, h, W_ih, W_hh, b_ih=0, b_hh=0)
 *         h′ = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)                         (k = 1)
 *     lstm_cell(x, h, c, W_ih, W_hh, b_ih=0, b_hh=0)
 *         [i f g o] = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh; i, f, o = σ(·), g = tanh(·);
 *         c′ = f ⊙ c + i ⊙ g; h′ = o ⊙ tanh(c′); returns [h′, c′] side by side (N × 2H)   (k = 4)
 *     gru_cell(x, h, W_ih, W_hh, b_ih=0, b_hh=0)
 *         [r z n] gates: r = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr), z likewise,
 *         n = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ + b_hn)); h′ = (1 − z) ⊙ n + z ⊙ h   (k = 3)
 *
 * Examples:
 *
 *     rnn_cell([1], [0], [0.5], [1]) ≈ 0.462117
 *     lstm_cell([0], [0], [1], [0; 0; 0; 0], [0; 0; 0; 0]) ≈ [0.231059, 0.5]
 *     gru_cell([0], [1], [0; 0; 0], [0; 0; 0]) = 0.5
 *
 * Backward: through the operations, for every argument.
 *
 * See also: tanh, sigmoid, attention
 */
import type { Matrix } from '../values/value';
import type { TapeNode } from '../autodiff/tape';
import type { Graph } from './composite';
import { compositeBuiltin } from './composite';
import { requireShape } from './common';
import { fnName, matrixLatex } from './stepLatex';
import { sigmoid } from './sigmoid';
import { tanh } from './tanh';

type Cell = 'rnn_cell' | 'lstm_cell' | 'gru_cell';

const GATES: Record<Cell, number> = { rnn_cell: 1, lstm_cell: 4, gru_cell: 3 };

/** x, h (and c) first; then W_ih, W_hh, b_ih, b_hh. */
function validateCell(fn: Cell, args: readonly Matrix[]): void {
  const withCell = fn === 'lstm_cell';
  const [x, h] = args;
  const [wih, whh, bih, bhh] = args.slice(withCell ? 3 : 2);
  const hidden = h.cols;
  const k = GATES[fn] * hidden;
  requireShape(fn, 'h', h, x.rows, hidden, 'one row per sample, as x');
  if (withCell) requireShape(fn, 'c', args[2], x.rows, hidden, "h's shape");
  requireShape(fn, 'W_ih', wih, k, x.cols, `${GATES[fn]}·H rows, one column per input`);
  requireShape(fn, 'W_hh', whh, k, hidden, `${GATES[fn]}·H rows, H columns`);
  for (const [name, b] of [
    ['b_ih', bih],
    ['b_hh', bhh],
  ] as const) {
    if (!b.isScalar) requireShape(fn, name, b, 1, k, 'a row, or a scalar');
  }
}

function affine(g: Graph, input: TapeNode, w: TapeNode, b: TapeNode): TapeNode {
  return g.addRow(g.matmul(input, g.t(w)), b);
}

const PARAMS_TAIL = [{ name: 'W_ih' }, { name: 'W_hh' }, { name: 'b_ih', default: 0 }, { name: 'b_hh', default: 0 }];

export const rnnCell = compositeBuiltin({
  name: 'rnn_cell',
  signature: 'rnn_cell(x, h, W_ih, W_hh, b_ih=0, b_hh=0)',
  summary: 'One Elman RNN step h′ = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh), rows are samples (as torch.nn.RNNCell).',
  example: 'rnn_cell([1], [0], [0.5], [1]) ≈ 0.462117',
  params: [{ name: 'x' }, { name: 'h' }, ...PARAMS_TAIL],
  differentiable: [true, true, true, true, true, true],
  validate: (args) => validateCell('rnn_cell', args),
  build(g, [x, h, wih, whh, bih, bhh]) {
    return g.call(tanh, g.add(affine(g, x, wih, bih), affine(g, h, whh, bhh)));
  },
  steps([x, h], output) {
    return [
      { latex: `h' = \\tanh(x W_{ih}^{\\top} + b_{ih} + h W_{hh}^{\\top} + b_{hh})` },
      {
        latex: `${fnName('rnn_cell')}\\left(${matrixLatex(x)}, ${matrixLatex(h)}, \\dots\\right) = ${matrixLatex(output)}`,
      },
    ];
  },
});

export const lstmCell = compositeBuiltin({
  name: 'lstm_cell',
  signature: 'lstm_cell(x, h, c, W_ih, W_hh, b_ih=0, b_hh=0)',
  summary: 'One LSTM step (gates i, f, g, o as torch.nn.LSTMCell), returning [h′, c′] side by side; rows are samples.',
  example: 'lstm_cell([0], [0], [1], [0; 0; 0; 0], [0; 0; 0; 0]) ≈ [0.231059, 0.5]',
  params: [{ name: 'x' }, { name: 'h' }, { name: 'c' }, ...PARAMS_TAIL],
  differentiable: [true, true, true, true, true, true, true],
  validate: (args) => validateCell('lstm_cell', args),
  build(g, [x, h, c, wih, whh, bih, bhh]) {
    const hidden = h.value.cols;
    const gates = g.add(affine(g, x, wih, bih), affine(g, h, whh, bhh));
    const gate = (k: number) => g.columns(gates, k * hidden, (k + 1) * hidden);
    const i = g.call(sigmoid, gate(0));
    const f = g.call(sigmoid, gate(1));
    const candidate = g.call(tanh, gate(2));
    const o = g.call(sigmoid, gate(3));
    const cNext = g.add(g.hadamard(f, c), g.hadamard(i, candidate));
    const hNext = g.hadamard(o, g.call(tanh, cNext));
    return g.beside(hNext, cNext);
  },
  steps([x, h, c], output) {
    return [
      { latex: `[i\\; f\\; g\\; o] = x W_{ih}^{\\top} + b_{ih} + h W_{hh}^{\\top} + b_{hh}` },
      { latex: `c' = \\sigma(f) \\odot c + \\sigma(i) \\odot \\tanh(g),\\quad h' = \\sigma(o) \\odot \\tanh(c')` },
      {
        latex: `${fnName('lstm_cell')}\\left(${matrixLatex(x)}, ${matrixLatex(h)}, ${matrixLatex(c)}, \\dots\\right) = ${matrixLatex(output)}`,
        note: '[h′, c′] side by side',
      },
    ];
  },
});

export const gruCell = compositeBuiltin({
  name: 'gru_cell',
  signature: 'gru_cell(x, h, W_ih, W_hh, b_ih=0, b_hh=0)',
  summary: 'One GRU step (gates r, z, n as torch.nn.GRUCell): h′ = (1 − z) ⊙ n + z ⊙ h; rows are samples.',
  example: 'gru_cell([0], [1], [0; 0; 0], [0; 0; 0]) = 0.5',
  params: [{ name: 'x' }, { name: 'h' }, ...PARAMS_TAIL],
  differentiable: [true, true, true, true, true, true],
  validate: (args) => validateCell('gru_cell', args),
  build(g, [x, h, wih, whh, bih, bhh]) {
    const hidden = h.value.cols;
    const fromInput = affine(g, x, wih, bih);
    const fromHidden = affine(g, h, whh, bhh);
    const part = (m: TapeNode, k: number) => g.columns(m, k * hidden, (k + 1) * hidden);
    const r = g.call(sigmoid, g.add(part(fromInput, 0), part(fromHidden, 0)));
    const z = g.call(sigmoid, g.add(part(fromInput, 1), part(fromHidden, 1)));
    const n = g.call(tanh, g.add(part(fromInput, 2), g.hadamard(r, part(fromHidden, 2))));
    return g.add(g.sub(n, g.hadamard(z, n)), g.hadamard(z, h));
  },
  steps([x, h], output) {
    return [
      { latex: `r = \\sigma(x W_{ir}^{\\top} + b_{ir} + h W_{hr}^{\\top} + b_{hr}),\\quad z = \\sigma(\\dots)` },
      {
        latex: `n = \\tanh(x W_{in}^{\\top} + b_{in} + r \\odot (h W_{hn}^{\\top} + b_{hn})),\\quad h' = (1 - z) \\odot n + z \\odot h`,
      },
      {
        latex: `${fnName('gru_cell')}\\left(${matrixLatex(x)}, ${matrixLatex(h)}, \\dots\\right) = ${matrixLatex(output)}`,
      },
    ];
  },
});
