import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../../src/core/text/lineIndex';
import {
  builtinCompletions,
  escapeCompletions,
  isProseOrComment,
  SYMBOL_ESCAPES,
} from '../../../src/extension/pure/completionData';
import { hoverAt } from '../../../src/extension/pure/hoverContent';
import { inlayValueHints, isLiteralLink } from '../../../src/extension/pure/inlayData';
import { foldingRanges, outline } from '../../../src/extension/pure/outline';
import { readSettings, checkOptions } from '../../../src/extension/pure/settings';
import { statusText } from '../../../src/extension/pure/statusText';
import { formatNumber, formatValueBlock, shapeLabel } from '../../../src/extension/pure/valueFormat';
import { check } from '../../../src/core';
import { RESULT, spanOf, TEXT } from './fixture';

const lines = new LineIndex(TEXT);

test('matrices are laid out with right-aligned columns', () => {
  assert.equal(
    formatValueBlock({ text: '', latex: '', rows: 2, cols: 3, shape: [2, 3], entries: [16, 64, 72, -24, -96, -108] }),
    '[  16   64    72\n  -24  -96  -108 ]',
  );
  assert.equal(
    formatValueBlock({ text: '6000 min', latex: '', rows: 1, cols: 1, shape: [1, 1], unit: 'min' }),
    '6000 min',
  );
  assert.equal(formatNumber(58.40139), '58.4014');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
});

test('hover on a name shows its value, shape and where it is defined', () => {
  const hover = hoverAt(RESULT, lines, spanOf('W1', 1).start);
  assert.ok(hover);
  assert.deepEqual(hover.span, spanOf('W1', 1));
  assert.match(hover.markdown, /\*\*W1\*\* — given/);
  assert.match(hover.markdown, /\[ 1 {2}0\n {2}3 {2}4 \]/);
  assert.match(hover.markdown, /shape 2×2/);
  assert.match(hover.markdown, /Defined in Problem 1, Question 1, line 4/);
});

test('hover on a wrong entry shows the expected value, not its message again (VS Code shows that above)', () => {
  const hover = hoverAt(RESULT, lines, spanOf('-46').start + 1);
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*Expected\*\* `10`, written `-46`/);
  assert.doesNotMatch(hover.markdown, /entry \\\(2,1\\\) is 10/);
});

test('hover on a ? does not give the answer away', () => {
  for (const offset of [spanOf('?').start, spanOf('b =').start]) {
    const hover = hoverAt(RESULT, lines, offset);
    assert.ok(!hover || !/12|Expected/.test(hover.markdown), hover?.markdown);
  }
});

test('inlay hints follow statements that state no value, unless the value is written out', () => {
  const hints = inlayValueHints(RESULT, (span) => TEXT.slice(span.start, span.end));
  // a1 states a value (checked), b's ? is filled (checked), c = 3 is its own value.
  assert.deepEqual(
    hints.map((hint) => [TEXT.slice(0, hint.offset).split('\n').pop(), hint.label]),
    [['z2 = relu(a1)', ' = [2; 10]']],
  );
});

test('the outline nests homework › problem › question › statement', () => {
  const [root] = outline(RESULT, (span) => TEXT.slice(span.start, span.end));
  assert.equal(root.name, 'HW');
  assert.deepEqual(
    root.children.map((problem) => problem.name),
    ['Problem 1: Net', 'Problem 2'],
  );
  assert.deepEqual(
    root.children[0].children.map((question) => question.name),
    ['Question 1: Forward', 'Question 2'],
  );
  assert.deepEqual(
    root.children[0].children[0].children.map((statement) => statement.name),
    ['W1, y_hat', 'a1', 'z2'],
  );
});

test('a file with more statements than the limit lists its problems and questions only', () => {
  const textOf = (span: { start: number; end: number }): string => TEXT.slice(span.start, span.end);
  const statements = RESULT.document.summary.statements;
  const names = (nodes: readonly { name: string; children: readonly unknown[] }[]): unknown =>
    nodes.map((node) => [node.name, names(node.children as typeof nodes)]);
  const [shortRoot] = outline(RESULT, textOf, statements);
  assert.deepEqual(
    shortRoot.children[0].children[0].children.map((statement) => statement.name),
    ['W1, y_hat', 'a1', 'z2'],
  );
  const [longRoot] = outline(RESULT, textOf, statements - 1);
  assert.deepEqual(names([longRoot]), [
    [
      'HW',
      [
        [
          'Problem 1: Net',
          [
            ['Question 1: Forward', []],
            ['Question 2', []],
          ],
        ],
        ['Problem 2', [['Question 1', []]]],
      ],
    ],
  ]);
});

test('problems and questions fold from heading to last line', () => {
  assert.deepEqual(foldingRanges(RESULT, lines), [
    { startLine: 1, endLine: 7 },
    { startLine: 2, endLine: 5 },
    { startLine: 6, endLine: 7 },
    { startLine: 8, endLine: 10 },
    { startLine: 9, endLine: 10 },
  ]);
});

test('escapes complete from the backslash or caret before the cursor', () => {
  assert.deepEqual(
    escapeCompletions('∂L/\\pa').map((escape) => [escape.symbol, escape.replaceFrom]),
    [['∂', 3]],
  );
  assert.equal(
    escapeCompletions('x \\').length,
    SYMBOL_ESCAPES.filter((escape) => escape.trigger.startsWith('\\')).length,
  );
  assert.deepEqual(
    escapeCompletions('W1^').map((escape) => escape.symbol),
    ['ᵀ'],
  );
  assert.deepEqual(escapeCompletions('W1 z0'), []);
  const symbols = new Map(SYMBOL_ESCAPES.map((escape) => [escape.trigger, escape.symbol]));
  assert.deepEqual(
    ['\\partial', '\\odot', '\\approx', '\\leq', '\\geq', '\\neq', '\\times', '\\cdot', '^T'].map((trigger) =>
      symbols.get(trigger),
    ),
    ['∂', '⊙', '≈', '≤', '≥', '≠', '×', '·', 'ᵀ'],
  );
});

test('built-ins complete with their signature and summary', () => {
  const [item] = builtinCompletions([
    {
      name: 'conv_out',
      signature: 'conv_out(n, k, padding=0, stride=1)',
      summary: 'Output size of a convolution.',
      example: 'conv_out(36, 3) = 34',
    },
  ]);
  assert.equal(item.detail, 'conv_out(n, k, padding=0, stride=1)');
  assert.match(item.documentation, /Output size of a convolution\./);
  assert.equal(item.insertSnippet, 'conv_out($1)');
});

test('settings are validated into core options', () => {
  const settings = readSettings(
    (key) =>
      ({ tolerance: -1, checkOn: 'save', vectorOrientation: 'sideways', inlayValues: 'yes', quietWhileTypingMs: -5 })[
        key
      ],
  );
  assert.deepEqual(settings, {
    tolerance: 1e-9,
    checkOn: 'save',
    vectorOrientation: 'lenient',
    inlayValues: true,
    quietWhileTypingMs: 1000,
  });
  assert.equal(readSettings((key) => (key === 'quietWhileTypingMs' ? 60_000 : undefined)).quietWhileTypingMs, 10_000);
  assert.deepEqual(checkOptions({ ...settings, tolerance: 1e-6, vectorOrientation: 'strict' }), {
    tolerance: 1e-6,
    vectorOrientation: 'strict',
  });
});

test('the status bar names what it counts: the errors and warnings of the Problems panel', () => {
  assert.equal(statusText({ errors: 1, warnings: 0, notes: 2 }), '✗ 1 error ⚠ 0 warnings');
  assert.equal(statusText({ errors: 10, warnings: 1, notes: 0 }), '✗ 10 errors ⚠ 1 warning');
});

test('statements before a problem’s first question sit under the problem', () => {
  const unitSpan = spanOf('c = 3');
  const problem = RESULT.document.problems[1];
  const withPreamble = {
    ...RESULT,
    document: {
      ...RESULT.document,
      problems: [
        RESULT.document.problems[0],
        {
          ...problem,
          questions: [
            { span: unitSpan, items: problem.questions[0].items, summary: problem.summary },
            ...problem.questions,
          ],
        },
      ],
    },
  };
  const [root] = outline(withPreamble, (span) => TEXT.slice(span.start, span.end));
  assert.deepEqual(
    root.children[1].children.map((node) => node.name),
    ['c', 'Question 1'],
  );
});

test('a link written as a value is told from a formula by its text', () => {
  for (const literal of [
    '= 8',
    '≈ 58.4',
    '= -0.5',
    '= 6000 min',
    '= 2 min/epoch',
    '= [2; 8; 9]',
    '= [16, 64, 72; -24, -46, -108]',
    '= ?',
    '= 5e-6',
    '= 5%',
  ]) {
    assert.equal(isLiteralLink(literal), true, literal);
  }
  for (const formula of [
    '= 2 (yhat - y)',
    "= relu'(a3) z2ᵀ",
    '= W1 z0 + b1',
    '= [1, 0] [2; 1]',
    '= -4 × [38; 22]',
    '= ln(0.95)',
  ]) {
    assert.equal(isLiteralLink(formula), false, formula);
  }
});

test('hover on a statement’s head with no name under the cursor shows its value, titled by its text', () => {
  const hover = hoverAt(RESULT, lines, spanOf('relu(a1)').start + 1, (span) => TEXT.slice(span.start, span.end));
  assert.ok(hover);
  assert.deepEqual(hover.span, spanOf('relu(a1)'));
  assert.match(hover.markdown, /\*\*relu\\\(a1\\\)\*\*/);
  assert.match(hover.markdown, /\[ {2}2\n {2}10 \]/);
  assert.match(hover.markdown, /Stated in Problem 1, Question 1, line 6/);
});

test('prose and comments get no completions: their \\partial is LaTeX', () => {
  assert.equal(isProseOrComment('> the chain rule $\\part'), true);
  assert.equal(isProseOrComment('a1 = W1 z0   # see \\part'), true);
  assert.equal(isProseOrComment('∂L/∂W1 = \\part'), false);
});

test('a rank-3 value in a hover and an inlay tooltip: one channel per line, its full shape', () => {
  const text = 'X = [1, 2; 3, 4;; 5, 6; 7, 8]\nY = -X\n';
  const result = check(text);
  const hints = inlayValueHints(result, (span) => text.slice(span.start, span.end));
  assert.deepEqual(
    hints.map((hint) => [hint.label, hint.tooltip]),
    [[' = [-1, -2; -3, -4;; -5, -6; -7, -8]', '[1,:,:] = [-1, -2; -3, -4]\n[2,:,:] = [-5, -6; -7, -8]']],
  );
  const view = {
    text: '[1, 2; 3, 4;; 5, 6; 7, 8]',
    latex: '',
    rows: 2,
    cols: 2,
    shape: [2, 2, 2],
    entries: [1, 2, 3, 4, 5, 6, 7, 8],
  };
  assert.equal(formatValueBlock(view), '[1,:,:] = [1, 2; 3, 4]\n[2,:,:] = [5, 6; 7, 8]');
  assert.equal(shapeLabel(view), '2×2×2');
});
