/**
 * The sinusoidal positional encoding of "Attention Is All You Need": one
 * row per position 0 … n − 1, one column per dimension.
 *
 * Syntax:
 *
 *     positional_encoding(n, d)
 *         PE[pos, 2i] = sin(pos / 10000^(2i/d)),  PE[pos, 2i + 1] = cos(pos / 10000^(2i/d))
 *         (rows counted from position 0; columns 2i and 2i + 1 share a frequency)
 *
 * Examples:
 *
 *     positional_encoding(2, 2) ≈ [0, 1; 0.841471, 0.540302]
 *     positional_encoding(1, 4) = [0, 1, 0, 1]
 *
 * DomainError unless n ≥ 1 and d ≥ 1 are integers; the size limit applies.
 * No backward: the encoding is constant in its integer arguments.
 *
 * See also: attention, sin, cos
 */
import { Matrix } from '../values/value';
import type { Builtin } from './builtin';
import { allocate, integerArg } from './common';
import { matrixLatex } from './stepLatex';

export const positionalEncoding: Builtin = {
  name: 'positional_encoding',
  signature: 'positional_encoding(n, d)',
  summary:
    'Sinusoidal positional encoding: n × d, PE[pos, 2i] = sin(pos/10000^(2i/d)), PE[pos, 2i+1] = cos(…); pos from 0.',
  example: 'positional_encoding(2, 2) ≈ [0, 1; 0.841471, 0.540302]',
  params: [{ name: 'n' }, { name: 'd' }],
  forward(args) {
    const n = integerArg('positional_encoding', 'n', args[0], 1);
    const d = integerArg('positional_encoding', 'd', args[1], 1);
    const out = allocate('positional_encoding', n, d);
    for (let pos = 0; pos < n; pos++)
      for (let j = 0; j < d; j++) {
        const angle = pos / 10000 ** ((2 * Math.floor(j / 2)) / d);
        out.data[pos * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
      }
    return out;
  },
  steps(args, output) {
    if (output.kind !== 'matrix') return [];
    const shown = output.size <= 64 ? ` = ${matrixLatex(output as Matrix)}` : '';
    return [
      { latex: `PE_{pos, 2i} = \\sin\\frac{pos}{10000^{2i/d}},\\quad PE_{pos, 2i+1} = \\cos\\frac{pos}{10000^{2i/d}}` },
      { latex: `PE${shown}`, note: `positions 0 to ${output.rows - 1}, d = ${output.cols}` },
    ];
  },
};
