import test from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../../src/core';

function findings(text: string): string[] {
  return check(text).diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}: ${d.message}`);
}

const header = 'problem 1 "p"\ngiven C = [1, 2; 3, 4], A = [4, 1; 2, 3]\n';

test('a head whose arguments are given names is a claim: an unknown function is reported, not defined', () => {
  assert.deepEqual(findings(`${header}mystery(C) = 3\n`), [
    'call.unknown-function mystery: there is no function mystery (C is a value of the problem, so this is a call, ' +
      'not a definition; a definition names new parameters, as f(x) = …)',
  ]);
  assert.equal(check(`${header}mystery(C) = 3\n`).diagnostics[0].severity, 'error');
});

test('a head with a defined name among its arguments is a claim, even beside a new name', () => {
  const got = findings(`${header}g(x, C) = x C\n`);
  assert.ok(
    got.some((f) => f.startsWith('call.unknown-function g: there is no function g (C is a value of the problem')),
    got.join('\n'),
  );
});

test('a head with numbers or expressions as arguments is a claim', () => {
  assert.deepEqual(findings(`${header}h(2) = 4\n`), ['call.unknown-function h: there is no function h']);
  assert.deepEqual(findings(`${header}h(C + 1) = 4\n`), ['call.unknown-function h: there is no function h']);
});

test('a head with new names as arguments defines a function, and a later call is checked (C^2 is the matrix power)', () => {
  assert.deepEqual(findings(`${header}f(x) = x^2 + 1\nf(2) = 5\nf(C) = [8, 11; 16, 23]\n`), []);
  assert.deepEqual(
    findings(`${header}f(x) = x^2 + 1\nf(2) = 6\n`).map((f) => f.split(':')[0]),
    ['value.wrong 6'],
  );
});

test('did-you-mean offers only a function that could take the call', () => {
  assert.deepEqual(findings(`${header}y = sigmod(0.5)\n`), [
    'call.unknown-function sigmod: there is no function sigmod; did you mean sigmoid?',
  ]);
  // sigmoid takes one argument: it cannot be meant with two.
  assert.deepEqual(findings(`${header}y = sigmod(0.5, 2)\n`), [
    'call.unknown-function sigmod: there is no function sigmod',
  ]);
  // conv_out has no parameter pad; with padding= it is offered.
  assert.deepEqual(findings(`${header}n = conv_ot(36, 3, pad=1)\n`), [
    'call.unknown-function conv_ot: there is no function conv_ot',
  ]);
  assert.deepEqual(findings(`${header}n = conv_ot(36, 3, padding=1)\n`), [
    'call.unknown-function conv_ot: there is no function conv_ot; did you mean conv_out?',
  ]);
  // A problem's own function with one parameter is offered for one argument, not for two.
  assert.deepEqual(findings(`${header}double(x) = 2 x\ny = doubel(3)\n`), [
    'call.unknown-function doubel: there is no function doubel; did you mean double?',
  ]);
  assert.deepEqual(findings(`${header}double(x) = 2 x\ny = doubel(3, 4)\n`), [
    'call.unknown-function doubel: there is no function doubel',
  ]);
});

test('a known function under another name: the built-in spelling as the fix, or a hint, never a look-alike', () => {
  assert.deepEqual(findings(`${header}y = arcsin(0.5)\n`), [
    'call.unknown-function arcsin: there is no function arcsin; did you mean asin?',
  ]);
  // cot is the cotangent: cos cannot be meant.
  assert.deepEqual(findings(`${header}y = cot(0.5)\n`), [
    'call.unknown-function cot: there is no function cot; write 1 / tan(x)',
  ]);
  // And sin is a built-in now: checked, not "did you mean min?".
  assert.deepEqual(findings(`${header}sin(0.5) ≈ 0.4794\n`), []);
});
