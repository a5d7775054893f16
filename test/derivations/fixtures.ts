/**
 * Hand-made derivation models shaped like the core's output for the seed
 * (`examples/homework1.hw`), with values from
 * `/work/shared/seed/homework1-oracle.json`, and a hostile one whose text
 * is HTML and script.
 */
import type {
  BackwardPass,
  BackwardStep,
  DocumentModel,
  LinkModel,
  StatementModel,
  Summary,
  ValueView,
} from '../../src/core/model';

export function matrix(rows: readonly (readonly number[])[]): ValueView {
  const entries = rows.flat();
  const cols = rows[0].length;
  if (rows.length === 1 && cols === 1) {
    return { text: String(entries[0]), latex: String(entries[0]), rows: 1, cols: 1, shape: [1, 1], entries };
  }
  return {
    text: `[${rows.map((row) => row.join(', ')).join('; ')}]`,
    latex: `\\begin{bmatrix} ${rows.map((row) => row.join(' & ')).join(' \\\\ ')} \\end{bmatrix}`,
    rows: rows.length,
    cols,
    shape: [rows.length, cols],
    entries,
  };
}

export const scalar = (x: number): ValueView => matrix([[x]]);
export const column = (...xs: number[]): ValueView => matrix(xs.map((x) => [x]));

const summary = (partial: Partial<Summary>): Summary => ({
  statements: 0,
  errors: 0,
  warnings: 0,
  notes: 0,
  checked: 0,
  right: 0,
  wrong: 0,
  followed: 0,
  filled: 0,
  approx: 0,
  ...partial,
});

let nextOffset = 0;
let nextId = 0;
function spanOf(length: number): { start: number; end: number } {
  const span = { start: nextOffset, end: nextOffset + length };
  nextOffset += length + 1;
  return span;
}

function link(latex: string, verdict: LinkModel['verdict'], extra: Partial<LinkModel> = {}): LinkModel {
  return { span: spanOf(latex.length), latex, verdict, relation: '=', ...extra };
}

function statement(latex: string, links: LinkModel[], extra: Partial<StatementModel> = {}): StatementModel {
  return {
    kind: 'statement',
    id: nextId++,
    statementKind: 'definition',
    isAnswer: false,
    span: {
      start: links[0]?.span.start ?? spanOf(latex.length).start,
      end: links[links.length - 1]?.span.end ?? nextOffset,
    },
    latex,
    links,
    backward: [],
    solvers: [],
    errors: 0,
    warnings: 0,
    ...extra,
  };
}

const grad = (node: string): string => `\\frac{\\partial L}{\\partial ${node}}`;

function step(
  node: string,
  nodeLatex: string,
  latex: string,
  local: string,
  upstreamNodes: string[],
  upstream: ValueView | undefined,
  value: ValueView,
): BackwardStep {
  return {
    node,
    latex: `${grad(nodeLatex)} = ${latex}`,
    local,
    upstreamNodes,
    ...(upstream ? { upstream } : {}),
    value,
    hw: `∂L/∂${node}`,
  };
}

/** ∂L/∂W1 of the seed, node by node from L back to W1 (oracle values). */
export function seedBackwardPassW1(): BackwardPass {
  const dyhat = scalar(-4);
  const da3 = scalar(-4);
  const dz2 = column(8, -12);
  const da2 = column(8, -12);
  const dz1 = column(16, 12, -4);
  const da1 = column(16, 12, -4);
  const dW1 = matrix([
    [32, 16],
    [24, 12],
    [-8, -4],
  ]);
  const steps: BackwardStep[] = [
    step('L', 'L', '1', '1', [], undefined, scalar(1)),
    step('yhat', '\\hat y', `${grad('L')} \\cdot 2(\\hat y - y)`, '2(\\hat y - y)', ['L'], scalar(1), dyhat),
    step('a3', 'a_3', `${grad('\\hat y')} \\odot \\mathrm{relu}'(a_3)`, "\\mathrm{relu}'(a_3)", ['yhat'], dyhat, da3),
    step('z2', 'z_2', `W_3^\\top ${grad('a_3')}`, 'W_3^\\top', ['a3'], da3, dz2),
    step('a2', 'a_2', `${grad('z_2')} \\odot \\mathrm{relu}'(a_2)`, "\\mathrm{relu}'(a_2)", ['z2'], dz2, da2),
    step('z1', 'z_1', `W_2^\\top ${grad('a_2')}`, 'W_2^\\top', ['a2'], da2, dz1),
    step('a1', 'a_1', `${grad('z_1')} \\odot \\mathrm{relu}'(a_1)`, "\\mathrm{relu}'(a_1)", ['z1'], dz1, da1),
    step('W1', 'W_1', `${grad('a_1')} z_0^\\top`, 'z_0^\\top', ['a1'], da1, dW1),
  ];
  return { span: spanOf(10), of: 'L', wrt: 'W1', steps, value: dW1 };
}

/** The seed's problem 1 (forward pass and gradients, with the -46 slip) and problem 4 (a solver). */
export function seedModel(): DocumentModel {
  nextOffset = 0;
  nextId = 0;
  const x = statement(
    'x = \\begin{bmatrix} 2 \\\\ 1 \\end{bmatrix}',
    [link('\\begin{bmatrix} 2 \\\\ 1 \\end{bmatrix}', 'truth')],
    { statementKind: 'given' },
  );
  const a1 = statement(
    'a_1 = W_1 z_0 + b_1 = \\begin{bmatrix} 2 \\\\ 10 \\\\ 4 \\end{bmatrix} + \\begin{bmatrix} 0 \\\\ -2 \\\\ 5 \\end{bmatrix} = \\begin{bmatrix} 2 \\\\ 8 \\\\ 9 \\end{bmatrix}',
    [
      link('W_1 z_0 + b_1', 'truth', { value: column(2, 8, 9) }),
      link(
        '\\begin{bmatrix} 2 \\\\ 10 \\\\ 4 \\end{bmatrix} + \\begin{bmatrix} 0 \\\\ -2 \\\\ 5 \\end{bmatrix}',
        'right',
        { value: column(2, 8, 9) },
      ),
      link('\\begin{bmatrix} 2 \\\\ 8 \\\\ 9 \\end{bmatrix}', 'right', { value: column(2, 8, 9) }),
    ],
  );
  const statedW2 = matrix([
    [16, 64, 72],
    [-24, -46, -108],
  ]);
  const trueW2 = matrix([
    [16, 64, 72],
    [-24, -96, -108],
  ]);
  const dW2 = statement(
    `${grad('W_2')} = (W_3^\\top 2(\\hat y - y)\\,\\mathrm{relu}'(a_3)) \\odot \\mathrm{relu}'(a_2)\\, z_1^\\top = ${statedW2.latex}`,
    [
      link("(W_3^\\top 2(\\hat y - y)\\,\\mathrm{relu}'(a_3)) \\odot \\mathrm{relu}'(a_2)\\, z_1^\\top", 'truth', {
        value: trueW2,
      }),
      link(statedW2.latex, 'wrong', { value: statedW2, expected: trueW2, wrongEntries: [{ row: 1, col: 1 }] }),
    ],
    { statementKind: 'claim', errors: 1 },
  );
  const follows = statement(`s = \\mathrm{sum}(${grad('W_2')}) = -26`, [
    link(`\\mathrm{sum}(${grad('W_2')})`, 'truth', { value: scalar(-76) }),
    link('-26', 'follows', { value: scalar(-26), expected: scalar(-76), followsFrom: dW2.links[1].span }),
  ]);
  const backward = seedBackwardPassW1();
  const dW1 = statement(
    `${grad('W_1')} = \\begin{bmatrix} 32 & 16 \\\\ 24 & 12 \\\\ -8 & -4 \\end{bmatrix}`,
    [
      link(grad('W_1'), 'truth', { value: backward.value }),
      link('\\begin{bmatrix} 32 & 16 \\\\ 24 & 12 \\\\ -8 & -4 \\end{bmatrix}', 'right', { value: backward.value }),
    ],
    { statementKind: 'claim', backward: [backward] },
  );
  const approx = statement(
    '\\frac{\\ln(1 - 0.95)}{\\ln 0.95} \\approx 58.4',
    [
      link('\\frac{\\ln(1 - 0.95)}{\\ln 0.95}', 'truth', { value: scalar(58.40397481431972) }),
      link('58.4', 'approx', { relation: '≈', value: scalar(58.4), expected: scalar(58.40397481431972) }),
    ],
    { statementKind: 'claim', warnings: 1 },
  );
  const conv = statement(
    '\\mathrm{conv\\_out}(36, 3, P{=}3, S{=}2) = ?',
    [
      link('\\mathrm{conv\\_out}(36, 3, P{=}3, S{=}2)', 'truth', { value: scalar(20) }),
      link('?', 'filled', { value: scalar(20) }),
    ],
    {
      statementKind: 'claim',
      isAnswer: true,
      solvers: [
        {
          span: spanOf(20),
          solver: 'conv_out',
          title: '\\mathrm{conv\\_out}(36, 3, P{=}3, S{=}2) = 20',
          steps: [
            { latex: '\\left\\lfloor \\frac{n + 2P - k}{S} \\right\\rfloor + 1', note: 'the output size' },
            { latex: '\\left\\lfloor \\frac{36 + 2\\cdot 3 - 3}{2} \\right\\rfloor + 1 = 19 + 1 = 20' },
          ],
        },
      ],
    },
  );
  const prose = {
    kind: 'prose' as const,
    span: spanOf(40),
    text: 'Each combination is good with probability $p = 0.05$, so $1 - 0.95^N \\ge q$.',
  };

  const q1 = summary({ statements: 2, checked: 2, right: 2 });
  // The Problems panel's counts by the language reference's severities: a wrong value is an error, one that
  // follows from it a note, a rounded one a warning; a filled ? is no diagnostic.
  const q2 = summary({ statements: 3, errors: 1, notes: 1, checked: 3, right: 1, wrong: 1, followed: 1 });
  const p4 = summary({ statements: 2, warnings: 1, checked: 2, filled: 1, approx: 1 });
  return {
    title: 'Homework 1',
    titleSpan: { start: 0, end: 10 },
    problems: [
      {
        number: '1',
        title: 'Backpropagation through a 3-layer ReLU network',
        span: { start: 0, end: 500 },
        questions: [
          { number: '1', title: 'Forward pass', span: { start: 0, end: 200 }, items: [x, a1], summary: q1 },
          {
            number: '2',
            title: 'The loss and its gradients',
            span: { start: 200, end: 500 },
            items: [dW2, follows, dW1],
            summary: q2,
          },
        ],
        summary: summary({ statements: 5, errors: 1, notes: 1, checked: 5, right: 3, wrong: 1, followed: 1 }),
      },
      {
        number: '4',
        title: 'Convolutions',
        span: { start: 500, end: 900 },
        questions: [{ number: '2', span: { start: 500, end: 900 }, items: [prose, approx, conv], summary: p4 }],
        summary: p4,
      },
    ],
    symbols: [],
    summary: summary({
      statements: 7,
      errors: 1,
      warnings: 1,
      notes: 1,
      checked: 7,
      right: 3,
      wrong: 1,
      followed: 1,
      filled: 1,
      approx: 1,
    }),
  };
}

/** Text from the homework that is HTML and script. */
export const HOSTILE = {
  title: '<script>alert("title")</script> & "Homework"',
  problemTitle: '<img src=x onerror=alert(1)>',
  questionTitle: '"><svg onload=alert(2)>',
  prose: 'Note <script>alert(3)</script> & <b>bold</b> with math $x < y$ and $\\href{javascript:alert(4)}{click}$',
  node: '<i>n</i>',
};

export function hostileModel(): DocumentModel {
  const base = seedModel();
  const problem = base.problems[0];
  const [q1, q2] = problem.questions;
  const prose = { kind: 'prose' as const, span: { start: 600, end: 700 }, text: HOSTILE.prose };
  const pass = seedBackwardPassW1();
  const hostilePass: BackwardPass = {
    ...pass,
    of: HOSTILE.node,
    steps: pass.steps.map((s) => ({ ...s, node: HOSTILE.node })),
  };
  const withHostilePass = { ...(q2.items[2] as StatementModel), backward: [hostilePass] };
  return {
    ...base,
    title: HOSTILE.title,
    problems: [
      {
        ...problem,
        title: HOSTILE.problemTitle,
        questions: [
          { ...q1, title: HOSTILE.questionTitle, items: [...q1.items, prose] },
          { ...q2, items: [q2.items[0], q2.items[1], withHostilePass] },
        ],
      },
    ],
  };
}
