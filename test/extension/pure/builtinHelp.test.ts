/**
 * Hover docs and signature help come from the registry, and the registry's
 * signatures agree with its parameters: a built-in whose signature names a
 * parameter it does not take, or shows another default, fails here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTINS } from '../../../src/core/solvers/registry';
import { builtinHoverAt, callAt, signatureHelpAt, signatureParameters } from '../../../src/extension/pure/builtinHelp';

/** Defaults the signatures spell as a word for a value with no short literal. */
const WORD_DEFAULTS: Record<string, number> = { e: Math.E };

test("every built-in's signature names its parameters, in order, with their defaults", () => {
  const drift: string[] = [];
  for (const builtin of BUILTINS.values()) {
    if (!builtin.signature.startsWith(`${builtin.name}(`))
      drift.push(`${builtin.name}: signature ${builtin.signature}`);
    const shown = signatureParameters(builtin.signature);
    const names = shown.map((p) => p.name);
    const taken = builtin.params.map((p) => p.name);
    if (names.join(',') !== taken.join(',')) drift.push(`${builtin.name}: signature ${names} but params ${taken}`);
    for (const param of builtin.params) {
      const text = shown.find((p) => p.name === param.name)?.defaultText;
      const optional = param.default !== undefined || param.defaultFrom !== undefined;
      if (optional !== (text !== undefined)) {
        drift.push(`${builtin.name}: ${param.name} is ${optional ? 'optional' : 'required'} but shown as ${text}`);
        continue;
      }
      if (text === undefined) continue;
      if (param.defaultFrom !== undefined) {
        if (text !== param.defaultFrom)
          drift.push(`${builtin.name}: ${param.name}=${text}, default from ${param.defaultFrom}`);
      } else if (/^[-+]?[\d.]/.test(text)) {
        if (Number(text) !== param.default)
          drift.push(`${builtin.name}: ${param.name}=${text}, default ${param.default}`);
      } else if (text in WORD_DEFAULTS && WORD_DEFAULTS[text] !== param.default) {
        drift.push(`${builtin.name}: ${param.name}=${text}, default ${param.default}`);
      }
      // Any other word (`tol=auto`, `ord=fro`) names a rule the built-in applies when the argument is left out.
    }
  }
  assert.deepEqual(drift, []);
});

test("hover on every built-in's name shows its signature, summary, parameters and example", () => {
  for (const builtin of BUILTINS.values()) {
    const text = `y = ${builtin.name}(x)`;
    const hover = builtinHoverAt(text, 5, BUILTINS);
    assert.ok(hover, builtin.name);
    assert.deepEqual(hover.span, { start: 4, end: 4 + builtin.name.length });
    for (const part of [builtin.signature, builtin.summary, builtin.example])
      assert.ok(hover.markdown.includes(part), `${builtin.name}: ${part}`);
    for (const param of builtin.params) assert.ok(hover.markdown.includes(`\`${param.name}\``), param.name);
  }
});

test('signature help inside every built-in call shows its registry signature, first parameter active', () => {
  for (const builtin of BUILTINS.values()) {
    const text = `y = ${builtin.name}(`;
    const help = signatureHelpAt(text, text.length, BUILTINS);
    assert.ok(help, builtin.name);
    assert.equal(help.label, builtin.signature);
    assert.ok(help.documentation.includes(builtin.summary) && help.documentation.includes(builtin.example));
    assert.equal(help.activeParameter, 0);
    assert.equal(help.parameters.length, builtin.params.length);
  }
});

test('the active parameter follows commas at the call depth and named arguments', () => {
  const at = (text: string) => signatureHelpAt(text, text.length, BUILTINS)?.activeParameter;
  // conv2d(input, kernel, stride=1, padding=0, bias=0, dilation=1)
  assert.equal(at('z = conv2d(X, '), 1);
  assert.equal(at('z = conv2d(relu(a, b), [1, 2; 3, 4], '), 2);
  assert.equal(at('z = conv2d(X, K, padding='), 3);
  assert.equal(at('z = conv2d(X, padding=1, '), 1); // one positional before: kernel
  assert.equal(at('z = conv2d(X, K, pad='), undefined);
  assert.equal(at('z = conv2d(X, K, S, P, '), 4);
  assert.equal(at('z = conv2d(X, K, S, P, B, D, '), undefined);
  // Inside the inner call, the inner built-in: relu(x) has one parameter.
  assert.equal(signatureHelpAt('z = conv2d(relu(', 16, BUILTINS)?.label, 'relu(x)');
  // max takes any number of arguments: its one parameter stays active.
  assert.equal(at('m = max(1, 2, '), 0);
});

test('signature help and the call context stop where the call does', () => {
  assert.equal(signatureHelpAt('z = relu(a) + ', 14, BUILTINS), undefined);
  assert.equal(signatureHelpAt('z = relu(a) # relu(', 19, BUILTINS), undefined);
  assert.equal(signatureHelpAt('z = f(', 6, BUILTINS), undefined);
  assert.equal(signatureHelpAt('z = (a + ', 9, BUILTINS), undefined);
  assert.equal(signatureHelpAt('z = relu([1, ', 13, BUILTINS), undefined); // in the matrix, not at relu's comma
  assert.equal(signatureHelpAt('z = relu(\nw = ', 14, BUILTINS), undefined);
  assert.deepEqual(callAt('y = maxpool(X, size=3, stride=', 30), {
    callee: 'maxpool',
    calleeSpan: { start: 4, end: 11 },
    activeArgument: 2,
    activeName: 'stride',
    positionalBefore: 1,
  });
});

test('parameters carry their defaults as the signature writes them', () => {
  const help = signatureHelpAt('p = maxpool(', 12, BUILTINS)!;
  assert.deepEqual(
    help.parameters.map((p) => help.label.slice(p.label[0], p.label[1])),
    ['input', 'size=2', 'stride=size', 'padding=0'],
  );
  assert.deepEqual(
    help.parameters.map((p) => p.documentation),
    ['required', 'optional, default 2', 'optional, default: the value of size', 'optional, default 0'],
  );
  const entropy = signatureHelpAt('h = entropy(p, ', 15, BUILTINS)!;
  assert.equal(entropy.activeParameter, 1);
  assert.equal(entropy.parameters[1].documentation, 'optional, default e');
});

test("hover is a built-in's only where it is called", () => {
  assert.equal(builtinHoverAt('relu = 3', 1, BUILTINS), undefined);
  assert.equal(builtinHoverAt('y = relux(a)', 6, BUILTINS), undefined);
  assert.ok(builtinHoverAt("d = relu'(a)", 5, BUILTINS)?.markdown.includes('relu(x)'));
});
