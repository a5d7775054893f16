import test from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../../src/core/syntax/scanner';
import { TokenFlags, TokenKind } from '../../../src/core/syntax/tokens';

/** `[kind name, text]` for every token but the final EOF. */
function tokensOf(text: string): [string, string][] {
  const tokens = scan(text).tokens.toArray();
  assert.equal(tokens[tokens.length - 1].kind, TokenKind.EOF);
  return tokens.slice(0, -1).map((t) => [TokenKind[t.kind], text.slice(t.start, t.end)]);
}

function kindsOf(text: string): string[] {
  return tokensOf(text).map(([kind]) => kind);
}

test('operators and relations in every spelling', () => {
  assert.deepEqual(kindsOf('= ≈ ~= < <= ≤ > >= ≥ ≠ !='), [
    'Equals',
    'Approx',
    'Approx',
    'Less',
    'LessEqual',
    'LessEqual',
    'Greater',
    'GreaterEqual',
    'GreaterEqual',
    'NotEqual',
    'NotEqual',
  ]);
  assert.deepEqual(kindsOf("+ - − * · ⋅ × / ⊙ .* ^ ᵀ ∂ ' ’"), [
    'Plus',
    'Minus',
    'Minus',
    'Star',
    'Dot',
    'Dot',
    'Times',
    'Slash',
    'Hadamard',
    'DotStar',
    'Caret',
    'Transpose',
    'Partial',
    'Prime',
    'Prime',
  ]);
  assert.deepEqual(kindsOf('( ) [ ] , ; : ?'), [
    'LParen',
    'RParen',
    'LBracket',
    'RBracket',
    'Comma',
    'Semicolon',
    'Colon',
    'Question',
  ]);
});

test('numbers keep their text: integers, decimals, exponents, percents', () => {
  assert.deepEqual(tokensOf('3 2.5 .5 5e-6 1E3 5% 7e+2 1e999 5e−6'), [
    ['Number', '3'],
    ['Number', '2.5'],
    ['Number', '.5'],
    ['Number', '5e-6'],
    ['Number', '1E3'],
    ['Number', '5%'],
    ['Number', '7e+2'],
    ['Number', '1e999'],
    ['Number', '5e−6'],
  ]);
  // `2e` is 2 and the name e; `2.*x` is 2 .* x; `2x` is 2 then x.
  assert.deepEqual(tokensOf('2e 2.*x 2x'), [
    ['Number', '2'],
    ['Identifier', 'e'],
    ['Number', '2'],
    ['DotStar', '.*'],
    ['Identifier', 'x'],
    ['Number', '2'],
    ['Identifier', 'x'],
  ]);
});

test('identifiers: digits, underscores, Unicode letters, subscript digits; not ᵀ ∂ ⊙ · ×', () => {
  assert.deepEqual(tokensOf('W3 conv_out λ α2 ŷ z₀ _tmp'), [
    ['Identifier', 'W3'],
    ['Identifier', 'conv_out'],
    ['Identifier', 'λ'],
    ['Identifier', 'α2'],
    ['Identifier', 'ŷ'],
    ['Identifier', 'z₀'],
    ['Identifier', '_tmp'],
  ]);
  assert.deepEqual(tokensOf('z2ᵀ'), [
    ['Identifier', 'z2'],
    ['Transpose', 'ᵀ'],
  ]);
  assert.deepEqual(tokensOf('∂L/∂W3'), [
    ['Partial', '∂'],
    ['Identifier', 'L'],
    ['Slash', '/'],
    ['Partial', '∂'],
    ['Identifier', 'W3'],
  ]);
  assert.deepEqual(kindsOf('a⊙b·c×d'), [
    'Identifier',
    'Hadamard',
    'Identifier',
    'Dot',
    'Identifier',
    'Times',
    'Identifier',
  ]);
  // A decomposed ŷ (y + combining circumflex) is one name; so is an astral letter.
  assert.deepEqual(tokensOf('y\u0302 𝑥1'), [
    ['Identifier', 'y\u0302'],
    ['Identifier', '𝑥1'],
  ]);
});

test('non-breaking and zero-width spaces are whitespace', () => {
  assert.deepEqual(tokensOf('a\u00a0=\u200bb\ufeff'), [
    ['Identifier', 'a'],
    ['Equals', '='],
    ['Identifier', 'b'],
  ]);
  assert.deepEqual(scan('a\u00a0=\u200bb').diagnostics, []);
});

test('SpaceBefore tells `f(x)` from `f (x)`', () => {
  const tokens = scan('f(x) f (x)').tokens.toArray();
  assert.equal(tokens[1].flags & TokenFlags.SpaceBefore, 0);
  assert.equal(tokens[5].flags & TokenFlags.SpaceBefore, TokenFlags.SpaceBefore);
});

test('an invalid character is reported, skipped, and scanning goes on', () => {
  const text = 'a → b @ 😀 c';
  const result = scan(text);
  assert.deepEqual(
    result.tokens
      .toArray()
      .slice(0, -1)
      .map((t) => text.slice(t.start, t.end)),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(
    result.diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)]),
    [
      ['syntax.invalid-character', '→'],
      ['syntax.invalid-character', '@'],
      ['syntax.invalid-character', '😀'],
    ],
  );
  assert.match(result.diagnostics[0].message, /→/);
  // Lone `.`, `~`, `!`, `%` are not operators.
  assert.equal(scan('. ~ ! %').diagnostics.length, 4);
});

test('comments are collected, not tokens; `#` inside a string is text', () => {
  const text = 'x = 1 # one\nproblem 1 "A #1 title" # two';
  const { comments } = scan(text);
  const tokens = scan(text).tokens.toArray();
  assert.deepEqual(
    comments.map((c) => c.text),
    ['one', 'two'],
  );
  assert.deepEqual(comments[0].span, { start: text.indexOf('# one'), end: text.indexOf('\n') });
  assert.ok(tokens.some((t) => t.kind === TokenKind.String && text.slice(t.start, t.end) === '"A #1 title"'));
});

test('line ends: one Newline token per run, CRLF, and the BlankLine flag', () => {
  const text = 'a\r\n# only a comment\n\n  \nb\nc';
  const tokens = scan(text).tokens.toArray();
  assert.deepEqual(
    tokens.map((t) => TokenKind[t.kind]),
    ['Identifier', 'Newline', 'Identifier', 'Newline', 'Identifier', 'EOF'],
  );
  assert.equal(tokens[1].start, 1);
  assert.equal(tokens[1].end, text.indexOf('b'));
  assert.equal(tokens[1].flags & TokenFlags.BlankLine, TokenFlags.BlankLine);
  // A comment-only line is not blank.
  const commented = scan('a\n# note\nb').tokens.toArray();
  assert.equal(commented[1].flags & TokenFlags.BlankLine, 0);
  assert.equal(scan('a\nb').tokens.at(1).flags & TokenFlags.BlankLine, 0);
});

test('`>` first on a line is a prose line; elsewhere (and `>=`) it is a relation', () => {
  const text = '  > Each combination # is good  \na > b\n>= 3';
  assert.deepEqual(tokensOf(text), [
    ['Prose', '> Each combination # is good'],
    ['Newline', '\n'],
    ['Identifier', 'a'],
    ['Greater', '>'],
    ['Identifier', 'b'],
    ['Newline', '\n'],
    ['GreaterEqual', '>='],
    ['Number', '3'],
  ]);
  assert.deepEqual(scan(text).comments, []);
});

test('an unterminated string ends at the line end, with a diagnostic', () => {
  const text = 'problem 1 "Backprop\nx = 1';
  const result = scan(text);
  const string = result.tokens.at(2);
  assert.equal(string.kind, TokenKind.String);
  assert.equal(string.flags & TokenFlags.Unterminated, TokenFlags.Unterminated);
  assert.equal(text.slice(string.start, string.end), '"Backprop');
  assert.deepEqual(
    result.diagnostics.map((d) => d.code),
    ['syntax.unterminated-string'],
  );
});

test('empty text and whitespace-only text give just EOF', () => {
  assert.deepEqual(kindsOf(''), []);
  assert.deepEqual(kindsOf('   \t '), []);
  const tokens = scan('abc').tokens.toArray();
  assert.deepEqual({ start: tokens[1].start, end: tokens[1].end }, { start: 3, end: 3 });
});

test('scanning 10,000 lines is linear', () => {
  const line = 'a1 = W1 z0 + b1 = [2; 10; 4] + [0; -2; 5] = [2; 8; 9]   # a comment\n';
  const text = line.repeat(10_000);
  const started = process.hrtime.bigint();
  const { tokens } = scan(text);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  let newlines = 0;
  for (let i = 0; i < tokens.length; i++) if (tokens.kinds[i] === TokenKind.Newline) newlines++;
  assert.equal(newlines, 10_000);
  // Generous: only a quadratic scanner (minutes) fails this, not a busy machine.
  assert.ok(elapsedMs < 10_000, `took ${elapsedMs} ms`);
});
