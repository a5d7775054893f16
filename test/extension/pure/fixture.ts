/**
 * A hand-made check result over a small homework, written the way the core
 * would report it, for testing the extension's pure helpers without the core.
 */
import type {
  CheckResult,
  Diagnostic,
  LinkModel,
  Span,
  StatementModel,
  Summary,
  SymbolModel,
  ValueView,
} from '../../../src/core/model';

export const TEXT = [
  'homework "HW"',
  'problem 1 "Net"',
  'question 1 "Forward"',
  'given W1 = [1, 0; 3, 4], y_hat = 2',
  'a1 = W1 [2; 1] = [2; -46]',
  'z2 = relu(a1)',
  'question 2',
  'b = ?',
  'problem 2',
  'question 1',
  'c = 3',
  '',
].join('\n');

/** The span of the `nth` (0-based) occurrence of `snippet` in TEXT. */
export function spanOf(snippet: string, nth = 0, text = TEXT): Span {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(snippet, start + 1);
    if (start < 0) throw new Error(`no occurrence ${nth} of ${snippet}`);
  }
  return { start, end: start + snippet.length };
}

function between(first: string, last: string): Span {
  const lastSpan = spanOf(last);
  return { start: spanOf(first).start, end: lastSpan.end };
}

/** Each wrong result is an error in the Problems panel. */
const summary = (right: number, wrong: number): Summary => ({
  statements: 5,
  errors: wrong,
  warnings: 0,
  notes: 0,
  checked: right + wrong,
  right,
  wrong,
  followed: 0,
  filled: 0,
  approx: 0,
});

export const W1_VALUE: ValueView = {
  text: '[1, 0; 3, 4]',
  latex: '',
  rows: 2,
  cols: 2,
  shape: [2, 2],
  entries: [1, 0, 3, 4],
};
const A1_VALUE: ValueView = { text: '[2; 10]', latex: '', rows: 2, cols: 1, shape: [2, 1], entries: [2, 10] };
const Z2_VALUE: ValueView = { text: '[2; 10]', latex: '', rows: 2, cols: 1, shape: [2, 1], entries: [2, 10] };

function link(snippet: string, verdict: LinkModel['verdict'], value?: ValueView, nth = 0): LinkModel {
  return { span: spanOf(snippet, nth), latex: '', verdict, value };
}

function statement(
  id: number,
  kind: StatementModel['statementKind'],
  span: Span,
  links: LinkModel[],
  value?: ValueView,
  defines?: string[],
): StatementModel {
  return {
    kind: 'statement',
    id,
    statementKind: kind,
    isAnswer: false,
    span,
    latex: '',
    defines,
    links,
    value,
    backward: [],
    solvers: [],
    errors: 0,
    warnings: 0,
  };
}

const given = statement(1, 'given', spanOf('given W1 = [1, 0; 3, 4], y_hat = 2'), [], undefined, ['W1', 'y_hat']);
const a1 = statement(
  2,
  'definition',
  spanOf('a1 = W1 [2; 1] = [2; -46]'),
  [
    link('W1 [2; 1]', 'truth', A1_VALUE),
    link('[2; -46]', 'wrong', { ...A1_VALUE, text: '[2; -46]', entries: [2, -46] }),
  ],
  A1_VALUE,
  ['a1'],
);
const z2 = statement(3, 'definition', spanOf('z2 = relu(a1)'), [link('relu(a1)', 'truth', Z2_VALUE)], Z2_VALUE, ['z2']);
const b = statement(
  4,
  'definition',
  spanOf('b = ?'),
  [link('?', 'filled', { text: '12', latex: '', rows: 1, cols: 1, shape: [1, 1], entries: [12] })],
  { text: '12', latex: '', rows: 1, cols: 1, shape: [1, 1], entries: [12] },
  ['b'],
);
const c = statement(
  5,
  'definition',
  spanOf('c = 3'),
  [link('3', 'truth', { text: '3', latex: '', rows: 1, cols: 1, shape: [1, 1], entries: [3] }, 1)],
  { text: '3', latex: '', rows: 1, cols: 1, shape: [1, 1], entries: [3] },
  ['c'],
);

const symbols: SymbolModel[] = [
  {
    name: 'W1',
    kind: 'given',
    problemIndex: 0,
    definitionSpan: spanOf('W1'),
    references: [spanOf('W1', 1)],
    value: W1_VALUE,
    statementId: 1,
  },
  { name: 'y_hat', kind: 'given', problemIndex: 0, definitionSpan: spanOf('y_hat'), references: [], statementId: 1 },
  {
    name: 'a1',
    kind: 'definition',
    problemIndex: 0,
    definitionSpan: spanOf('a1'),
    references: [spanOf('a1', 1)],
    statementId: 2,
  },
  { name: 'z2', kind: 'definition', problemIndex: 0, definitionSpan: spanOf('z2'), references: [], statementId: 3 },
  {
    name: 'b',
    kind: 'definition',
    problemIndex: 0,
    definitionSpan: { start: spanOf('b = ?').start, end: spanOf('b = ?').start + 1 },
    references: [],
    statementId: 4,
  },
  {
    name: 'c',
    kind: 'definition',
    problemIndex: 1,
    definitionSpan: { start: spanOf('c = 3').start, end: spanOf('c = 3').start + 1 },
    references: [],
    statementId: 5,
  },
];

export const WRONG_ENTRY: Diagnostic = {
  code: 'value.wrong-entry',
  severity: 'error',
  span: spanOf('-46'),
  message: 'entry (2,1) is 10, written -46',
  related: [{ span: spanOf('W1 [2; 1]'), message: 'the value it is checked against' }],
  fixes: [
    {
      kind: 'use-approx',
      title: 'Write ≈',
      edits: [{ span: spanOf('=', 3), newText: '≈' }],
      isPreferred: false,
      safe: false,
    },
    {
      kind: 'replace-value',
      title: 'Replace -46 with 10',
      edits: [{ span: spanOf('-46'), newText: '10' }],
      isPreferred: true,
      safe: true,
    },
  ],
  expected: '10',
  found: '-46',
};

export const FILL_B: Diagnostic = {
  code: 'value.unknown',
  severity: 'info',
  span: spanOf('?'),
  message: 'b = 12',
  related: [],
  fixes: [
    {
      kind: 'fill-unknown',
      title: 'Fill in 12',
      edits: [{ span: spanOf('?'), newText: '12' }],
      isPreferred: true,
      safe: true,
    },
  ],
  expected: '12',
};

export const RESULT: CheckResult = {
  diagnostics: [WRONG_ENTRY, FILL_B],
  document: {
    title: 'HW',
    titleSpan: spanOf('homework "HW"'),
    summary: summary(3, 1),
    symbols,
    problems: [
      {
        number: '1',
        title: 'Net',
        span: between('problem 1 "Net"', 'b = ?'),
        headingSpan: spanOf('problem 1 "Net"'),
        summary: summary(2, 1),
        questions: [
          {
            number: '1',
            title: 'Forward',
            span: between('question 1 "Forward"', 'z2 = relu(a1)'),
            headingSpan: spanOf('question 1 "Forward"'),
            items: [given, a1, z2],
            summary: summary(1, 1),
          },
          {
            number: '2',
            span: between('question 2', 'b = ?'),
            headingSpan: spanOf('question 2'),
            items: [b],
            summary: summary(1, 0),
          },
        ],
      },
      {
        number: '2',
        span: between('problem 2', 'c = 3'),
        headingSpan: spanOf('problem 2'),
        summary: summary(1, 0),
        questions: [
          {
            number: '1',
            span: { start: spanOf('question 1', 1).start, end: spanOf('c = 3').end },
            headingSpan: spanOf('question 1', 1),
            items: [c],
            summary: summary(1, 0),
          },
        ],
      },
    ],
  },
};
