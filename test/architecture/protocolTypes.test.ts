/**
 * The protocol keeps its own copies of two core types, so that the webview
 * imports nothing from the core: `OffsetSpan` (the core's `Span`) and
 * `SummaryView` (the core's `Summary`). They must stay in step: the type
 * checks below fail to compile when either side gains, loses or retypes a
 * field, and the run-time check compares the fields a real check returns.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { check, type Span, type Summary } from '../../src/core';
import type { OffsetSpan, SummaryView } from '../../src/protocol/derivationsProtocol';

/** True exactly when A and B are the same type (optional and readonly modifiers included). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const spanInStep: Same<OffsetSpan, Span> = true;
const summaryInStep: Same<SummaryView, Summary> = true;

/** Every field of the protocol's summary, once (a missing or extra key does not compile). */
const SUMMARY_FIELDS: Record<keyof SummaryView, true> = {
  statements: true,
  errors: true,
  warnings: true,
  notes: true,
  checked: true,
  right: true,
  wrong: true,
  followed: true,
  filled: true,
  approx: true,
};

test("the protocol's copies of core types are the same types as the core's", () => {
  assert.ok(spanInStep && summaryInStep);
  const result = check('problem 1\na = 1 + 1 = 2\nb = a + 1 = 4');
  assert.deepEqual(Object.keys(result.document.summary).sort(), Object.keys(SUMMARY_FIELDS).sort());
  assert.deepEqual(Object.keys(result.document.problems[0].span).sort(), ['end', 'start']);
});
