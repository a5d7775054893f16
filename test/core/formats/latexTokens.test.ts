/**
 * The LaTeX math scanner's token table: kinds, offsets into the whole document
 * and texts, filled again for every piece of math. Offsets are counted by hand
 * in the comments.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { LatexKind, LatexTokenTable, scanLatex } from '../../../src/core/formats/latexTokens';
import { readLatexMath } from '../../../src/core/formats/latexMath';

/** The table's tokens as `[kind, start, end, text]`, text as the reader sees it. */
function rows(text: string, table: LatexTokenTable): [LatexKind, number, number, string][] {
  const out: [LatexKind, number, number, string][] = [];
  for (let i = 0; i < table.length; i++)
    out.push([table.kinds[i], table.starts[i], table.ends[i], table.textOf(i, text)]);
  return out;
}

test('the worked example: offsets are into the whole document, texts are names and digits', () => {
  // w0 ^1 {2 (3 14 )5 }6 =8 \begin{pmatrix} 10–25, 1 26, \\ 28–30, 3 31, \end{pmatrix} 33–46; all plus 100.
  const math = 'w^{(1)} = \\begin{pmatrix} 1 \\\\ 3 \\end{pmatrix}';
  const text = ' '.repeat(100) + math;
  assert.deepEqual(rows(text, scanLatex(text, 100, text.length)), [
    [LatexKind.Letter, 100, 101, 'w'],
    [LatexKind.Sup, 101, 102, '^'],
    [LatexKind.LBrace, 102, 103, '{'],
    [LatexKind.LParen, 103, 104, '('],
    [LatexKind.Num, 104, 105, '1'],
    [LatexKind.RParen, 105, 106, ')'],
    [LatexKind.RBrace, 106, 107, '}'],
    [LatexKind.Rel, 108, 109, '='],
    [LatexKind.Begin, 110, 125, 'pmatrix'],
    [LatexKind.Num, 126, 127, '1'],
    [LatexKind.Newline, 128, 130, '\\\\'],
    [LatexKind.Num, 131, 132, '3'],
    [LatexKind.End, 133, 146, 'pmatrix'],
  ]);
});

test('command texts: known and unknown names, relations, and environment names between blanks', () => {
  // \leq 0–4, \to 5–8, \foo 9–13, \ln 14–17, \text{ ms} 18–28, \alpha 29–35.
  const text = '\\leq \\to \\foo \\ln \\text{ ms} \\alpha';
  assert.deepEqual(rows(text, scanLatex(text, 0, text.length)), [
    [LatexKind.Rel, 0, 4, '≤'],
    [LatexKind.Rel, 5, 8, ''],
    [LatexKind.Unsupported, 9, 13, 'foo'],
    [LatexKind.Fn, 14, 17, 'ln'],
    [LatexKind.Word, 18, 28, ' ms'],
    [LatexKind.Letter, 29, 35, 'α'],
  ]);
  // Blanks around an environment's name are not part of it, an em space (U+2003) included, as `trim` has it.
  for (const inner of [' pmatrix ', '\tcases', '\u2003bmatrix\u2003', 'matrix*', ' my env ']) {
    const begin = `\\begin{${inner}}`;
    const table = scanLatex(begin, 0, begin.length);
    assert.equal(table.length, 1, inner);
    assert.equal(table.kinds[0], LatexKind.Begin, inner);
    assert.equal(table.textOf(0, begin), inner.trim(), inner);
  }
});

test('a table filled again holds only the new tokens; one grown past its room keeps every token', () => {
  const table = new LatexTokenTable(4);
  // 1+2+…+100: 100 numbers and 99 pluses, 199 tokens, more than 4 × 2 × 2 × … until 256.
  const long = Array.from({ length: 100 }, (_, k) => String(k + 1)).join('+');
  scanLatex(long, 0, long.length, table);
  assert.equal(table.length, 199);
  assert.ok(table.capacity >= 199);
  // The last number, `100`, stands at the end: the text is 9 one-digit, 90 two-digit, 1 three-digit numbers and 99
  // pluses long, 9 + 180 + 3 + 99 = 291.
  assert.equal(long.length, 291);
  assert.deepEqual(rows(long, table).at(-1), [LatexKind.Num, 288, 291, '100']);
  const short = 'x = 2';
  assert.equal(scanLatex(short, 0, short.length, table), table);
  assert.deepEqual(rows(short, table), [
    [LatexKind.Letter, 0, 1, 'x'],
    [LatexKind.Rel, 2, 3, '='],
    [LatexKind.Num, 4, 5, '2'],
  ]);
});

test('a reading does not change what an earlier reading returned, nor does a huge block change the next', () => {
  const first = '$$x = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}, \\quad y = \\max(1, 2) = 2$$';
  const firstPieces = readLatexMath(first, 2, first.length - 2);
  const before = JSON.stringify(firstPieces);
  assert.equal(firstPieces.length, 2);
  // A sum of 3,000 ones is 5,999 tokens: the table grows past the room a reading keeps.
  const huge = `$${Array.from({ length: 3000 }, () => '1').join(' + ')} = 3000$`;
  const hugePieces = readLatexMath(huge, 1, huge.length - 1);
  assert.equal(hugePieces.length, 1);
  assert.equal(hugePieces[0].links.length, 2);
  assert.ok(hugePieces[0].links.every((link) => link.expr !== undefined));
  const again = readLatexMath(first, 2, first.length - 2);
  assert.equal(JSON.stringify(firstPieces), before);
  assert.equal(JSON.stringify(again), before);
  assert.notEqual(again, firstPieces);
  assert.notEqual(again[0].links, firstPieces[0].links);
});

test('a table lets go of its tokens’ texts when asked (a reading asks when it is done)', () => {
  // A word of 13 characters or more is a view into the document in V8; the spare table must not keep it.
  const text = 'x = 3 \\text{ a long word of prose } + 1';
  const table = new LatexTokenTable();
  scanLatex(text, 0, text.length, table);
  assert.ok(table.texts.some((t) => t !== undefined && t.length > 13));
  table.forgetTexts();
  assert.deepEqual(
    table.texts.filter((t) => t !== undefined),
    [],
  );
});
