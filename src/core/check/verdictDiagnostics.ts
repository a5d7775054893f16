/**
 * Diagnostics, messages and fixes for a chain, read from its judgements
 * (`judgement.ts`). Nothing here compares values: a verdict, the wrong
 * entries, the texts to write and the mistake a step follows from are all
 * the judge's.
 *
 * Messages keep what the student wrote ("written 0.7310"), name the
 * quantity (the statement's subject, or the expression shortened), and
 * give values at the precision the student used under `≈`.
 *
 * Example: the judgement of `1.46` in `block = 1 + d^2 = 1.46` (d = 0.8)
 * becomes the error "block is 1.64, not 1.46" with the safe fix `1.64`.
 */
import type { Diagnostic } from '../model';
import type { Link } from '../syntax/ast';
import type { Span } from '../text/span';
import type { ChainJudgement, LinkJudgement } from './judgement';
import { diagnostic, entryLabel, makeFix, shapeText, valueText } from './messages';

/** How messages name things: the chain's subject, and any other link of it. */
export interface Naming {
  /** The subject (`block`, `∂L/∂W2`), or its expression shortened (`W1 z0 + b1`). */
  readonly subject: string;
  /** The source text of a span. */
  textOf(span: Span): string;
  /** A vector in the other orientation is a warning (`strict`), else information. */
  readonly strictOrientation: boolean;
}

/** The longest expression a message quotes whole; longer ones are shortened with `…`. */
const QUOTE_LIMIT = 28;
/** Messages quote at most this much of a value; `expected`, `found` and fixes keep it whole. */
const VALUE_LIMIT = 100;

export function chainDiagnostics(chain: ChainJudgement, links: readonly Link[], naming: Naming): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const j of chain.links) {
    if (j.index <= chain.subjectIndex) continue;
    const link = links[j.index];
    const referenceName =
      j.referenceIndex === undefined || j.referenceIndex === chain.subjectIndex
        ? naming.subject
        : quoted(naming.textOf(links[j.referenceIndex].expr.span));
    switch (j.verdict) {
      case 'filled':
        out.push(filledDiagnostic(j, link, referenceName));
        break;
      case 'right':
        if (j.transposed) out.push(orientationDiagnostic(j, link, referenceName, naming.strictOrientation));
        break;
      case 'approx':
        out.push(roundedDiagnostic(j, link, referenceName));
        break;
      case 'follows':
        out.push(followsDiagnostic(j, link));
        break;
      case 'wrong':
        out.push(...wrongDiagnostics(j, link, referenceName));
        break;
      case 'unchecked':
        if (j.mismatch === 'unknown-relation')
          out.push(
            diagnostic('value.unknown-relation', 'error', link.expr.span, '`?` can only be filled after `=` or `≈`'),
          );
        else if (j.mismatch === 'incomparable') out.push(incomparableDiagnostic(j, link, chain));
        break;
      default:
        break;
    }
  }
  return out;
}

/** An expression as a message names it: whole when short, else its start and `…`. */
export function quoted(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= QUOTE_LIMIT ? t : `${t.slice(0, QUOTE_LIMIT - 3).trimEnd()}…`;
}

function shorten(text: string): string {
  return text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT - 3)}…` : text;
}

function filledDiagnostic(j: LinkJudgement, link: Link, referenceName: string): Diagnostic {
  const text = j.expected!;
  return diagnostic('value.unknown', 'info', link.expr.span, `${referenceName} is ${shorten(text)}`, {
    expected: text,
    fixes: [makeFix('fill-unknown', `Fill in ${shorten(text)}`, [{ span: link.expr.span, newText: text }], true, true)],
  });
}

function orientationDiagnostic(j: LinkJudgement, link: Link, referenceName: string, strict: boolean): Diagnostic {
  const stated = j.truth!;
  const expected = j.reference!;
  const statedRows = stated.kind === 'matrix' ? stated.rows : 1;
  const statedCols = stated.kind === 'matrix' ? stated.cols : 1;
  const expectedRows = expected.kind === 'matrix' ? expected.rows : 1;
  const expectedCols = expected.kind === 'matrix' ? expected.cols : 1;
  const statedShape = statedRows === 1 ? `a 1×${statedCols} row` : `a ${statedRows}×1 column`;
  const expectedShape = expectedRows === 1 ? `the 1×${expectedCols} row` : `the ${expectedRows}×1 column`;
  const expectedText = valueText(expected);
  const fixes = j.literal
    ? [
        makeFix(
          'orientation',
          `Write it as ${expectedShape.replace('the ', 'a ')}`,
          [{ span: link.expr.span, newText: expectedText }],
          false,
          false,
        ),
      ]
    : [];
  return diagnostic(
    'value.orientation',
    strict ? 'warning' : 'info',
    link.expr.span,
    `written as ${statedShape}; ${referenceName} is ${expectedShape} ${shorten(expectedText)} (same values)`,
    { fixes, expected: expectedText, found: j.found ?? valueText(stated) },
  );
}

function roundedDiagnostic(j: LinkJudgement, link: Link, referenceName: string): Diagnostic {
  const fixes = link.relationSpan
    ? [makeFix('use-approx', 'Write ≈ (rounded value)', [{ span: link.relationSpan, newText: '≈' }], true, true)]
    : [];
  return diagnostic(
    'value.rounded',
    'warning',
    link.expr.span,
    `right only to the digits written: ${referenceName} is ${shorten(j.expected!)}; write ≈ for a rounded value`,
    { fixes, expected: j.expected!, found: j.found ?? valueText(j.truth!) },
  );
}

function followsDiagnostic(j: LinkJudgement, link: Link): Diagnostic {
  const from = j.followsFrom!;
  const isRelation = j.mismatch === undefined && j.relation !== undefined && !['=', '≈'].includes(j.relation);
  if (isRelation) {
    return diagnostic(
      'value.follows',
      'info',
      link.span,
      from.rounding
        ? 'uses the rounded value written earlier: true for it'
        : 'follows from an earlier mistake: true for the values written there',
      {
        related: [
          {
            span: from.span,
            message: from.rounding ? 'the rounded value this step uses' : 'the mistake this step follows from',
          },
        ],
      },
    );
  }
  const trueText = valueText(j.reference!);
  const digits = j.followsToDigits ? ', to the digits written,' : '';
  const message = from.rounding
    ? `uses the rounded value written earlier: right for it${j.followsToDigits ? ' to the digits written' : ''} (unrounded, it is ${shorten(trueText)})`
    : `follows from an earlier mistake: right${digits} for the value written there (the true value is ${shorten(trueText)})`;
  return diagnostic('value.follows', 'info', link.expr.span, message, {
    related: [
      {
        span: from.span,
        message: from.rounding ? 'the rounded value this step uses' : 'the mistake this step follows from',
      },
    ],
    expected: trueText,
    found: j.found ?? valueText(j.truth!),
  });
}

function wrongDiagnostics(j: LinkJudgement, link: Link, referenceName: string): Diagnostic[] {
  const expected = j.expected ?? '';
  const found = j.found ?? '';
  const replace = j.literal
    ? [
        makeFix(
          'replace-value',
          `Change to ${shorten(expected)}`,
          [{ span: link.expr.span, newText: expected }],
          true,
          true,
        ),
      ]
    : [];
  switch (j.mismatch) {
    case 'relation': {
      const left = valueText(j.reference!);
      const right = valueText(j.truth!);
      return [
        diagnostic('relation.false', 'error', link.span, `${shorten(left)} ${j.relation} ${shorten(right)} is false`, {
          expected: left,
          found: right,
        }),
      ];
    }
    case 'units':
      return [
        diagnostic(
          'unit.mismatch',
          'error',
          link.expr.span,
          `the units differ: ${referenceName} is ${shorten(expected)}, this is ${shorten(found)}`,
          { expected, found },
        ),
      ];
    case 'shape': {
      const stated = j.truth!;
      const reference = j.reference!;
      const small = (v: typeof stated) => v.kind === 'matrix' && v.size <= 12;
      return [
        diagnostic(
          'value.shape',
          'error',
          link.expr.span,
          `this is ${shapeText(stated)}${small(stated) ? ` (${found})` : ''}, but ${referenceName} is ${shapeText(reference)}${small(reference) ? ` (${expected})` : ''}`,
          { expected, found, fixes: replace },
        ),
      ];
    }
    case 'entries': {
      if (j.literal && j.wrongEntries.every((e) => e.span)) {
        return j.wrongEntries.map((e) =>
          diagnostic(
            'value.wrong-entry',
            'error',
            e.span!,
            `entry ${entryLabel(e.row, e.col, e.index)} of ${referenceName} is ${e.expected}, written ${e.found}`,
            {
              expected: e.expected,
              found: e.found,
              fixes: [
                makeFix(
                  'replace-value',
                  `Change to ${e.expected}`,
                  [{ span: e.span!, newText: e.expected }],
                  true,
                  true,
                ),
              ],
            },
          ),
        );
      }
      const count = j.wrongEntries.length;
      const list = j.wrongEntries
        .slice(0, 6)
        .map((e) => `${entryLabel(e.row, e.col, e.index)} is ${e.expected}, this gives ${e.found}`)
        .join('; ');
      return [
        diagnostic(
          'value.wrong',
          'error',
          link.expr.span,
          `this step is wrong in ${count} entr${count === 1 ? 'y' : 'ies'} of ${referenceName}: ${list}`,
          { expected, found, fixes: replace },
        ),
      ];
    }
    default: {
      const message = j.literal
        ? `${referenceName} is ${shorten(expected)}, not ${shorten(found)}`
        : `this step gives ${shorten(found)}, but ${referenceName} is ${shorten(expected)}`;
      return [diagnostic('value.wrong', 'error', link.expr.span, message, { expected, found, fixes: replace })];
    }
  }
}

function incomparableDiagnostic(j: LinkJudgement, link: Link, chain: ChainJudgement): Diagnostic {
  const before = chain.links[j.index - 1].truth!;
  return diagnostic(
    'relation.incomparable',
    'error',
    link.span,
    `${j.relation} compares single numbers (or quantities of one kind); these are ${shapeText(before)} and ${shapeText(j.truth!)}`,
  );
}
