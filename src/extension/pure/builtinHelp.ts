/**
 * Hover docs and signature help for the built-ins, read from the registry
 * (`core/solvers/registry.ts`): the signature, summary and worked example of
 * each, and its parameters with their defaults. Nothing here lists a
 * built-in by hand, so a new one has its help the moment it is registered.
 *
 *     callAt('z = conv2d(X, K, stride=', 24)
 *       // { callee: 'conv2d', …, activeArgument: 2, activeName: 'stride' }
 *     signatureHelpAt('z = conv2d(X, K, stride=', 24, builtins)
 *       // label 'conv2d(input, kernel, stride=1, padding=0)', activeParameter 2
 *
 * Works on the text and an offset only (no check result): signature help is
 * asked for on every `(` and `,`, and must not wait for a check.
 */
import type { Span } from '../../core';
import type { BuiltinDoc } from './completionData';

/** One parameter as the signature writes it: `stride=1` at [start, end) of the signature. */
export interface SignatureParameter {
  readonly name: string;
  /** The text after `=`: `1`, `size`, `auto`; undefined for a required parameter. */
  readonly defaultText?: string;
  readonly start: number;
  readonly end: number;
}

/** The parameters of `name(a, b=1, …)`, with where each sits in the string. */
export function signatureParameters(signature: string): SignatureParameter[] {
  const open = signature.indexOf('(');
  const close = signature.lastIndexOf(')');
  if (open < 0 || close < open) return [];
  const parameters: SignatureParameter[] = [];
  let start = open + 1;
  for (let i = open + 1; i <= close; i++) {
    if (i < close && signature[i] !== ',') continue;
    const raw = signature.slice(start, i);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text.length > 0) {
      const equals = text.indexOf('=');
      parameters.push({
        name: (equals < 0 ? text : text.slice(0, equals)).trim(),
        defaultText: equals < 0 ? undefined : text.slice(equals + 1).trim(),
        start: start + lead,
        end: start + lead + text.length,
      });
    }
    start = i + 1;
  }
  return parameters;
}

/** The call the cursor is inside: its callee and which argument the cursor is in. */
export interface CallContext {
  readonly callee: string;
  readonly calleeSpan: Span;
  /** 0-based: the number of commas between `(` and the cursor at the call's own depth. */
  readonly activeArgument: number;
  /** `stride` when the cursor's argument is written `stride=…`. */
  readonly activeName?: string;
  /** How many arguments before the cursor's one are positional (not `name=…`). */
  readonly positionalBefore: number;
}

const NAME_CHAR = /[\p{L}\p{N}_]/u;
const NAMED_ARGUMENT = /^\s*([\p{L}_][\p{L}\p{N}_]*)\s*=(?!=)/u;
/** How far back from the cursor an open `(` is looked for: a call is one statement, and statements are short. */
const MAX_LOOKBACK = 4000;

/**
 * The innermost unclosed call before `offset`. Brackets and nested calls
 * are skipped whole, so `f([1, 2], g(3, 4), |` is in f's third argument.
 * The search stops at the start of a line outside any bracket (a statement's
 * start) and at a `#` comment on the cursor's line.
 */
export function callAt(text: string, offset: number): CallContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (text.slice(lineStart, offset).includes('#')) return undefined;
  let depth = 0;
  const argumentStarts: number[] = [];
  const limit = Math.max(0, offset - MAX_LOOKBACK);
  for (let i = offset - 1; i >= limit; i--) {
    const c = text[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '[') {
      if (depth === 0) return undefined; // inside a matrix literal, not a call's own argument list
      depth--;
    } else if (c === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      let start = i;
      while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
      if (start === i) return undefined; // a bare parenthesis: `(a + b`
      const arguments_ = [i + 1, ...argumentStarts.reverse()].map((from, k, all) =>
        text.slice(from, k + 1 < all.length ? all[k + 1] - 1 : offset),
      );
      const current = arguments_[arguments_.length - 1];
      const before = arguments_.slice(0, -1);
      return {
        callee: text.slice(start, i),
        calleeSpan: { start, end: i },
        activeArgument: before.length,
        activeName: NAMED_ARGUMENT.exec(current)?.[1],
        positionalBefore: before.filter((a) => !NAMED_ARGUMENT.test(a)).length,
      };
    } else if (c === ',' && depth === 0) argumentStarts.push(i + 1);
    else if (c === '\n' && depth === 0) return undefined;
  }
  return undefined;
}

export interface SignatureHelpData {
  /** The registry's signature: `conv2d(input, kernel, stride=1, padding=0)`. */
  readonly label: string;
  /** Markdown: the summary and the worked example. */
  readonly documentation: string;
  readonly parameters: readonly { readonly label: [number, number]; readonly documentation: string }[];
  /** Index into `parameters`; undefined when the cursor's argument matches none (`pad=` on conv2d). */
  readonly activeParameter: number | undefined;
}

function exampleBlock(builtin: BuiltinDoc): string {
  return '```homework\n' + builtin.example + '\n```';
}

/** `optional, default 1`; `optional, default: the value of size`; `required`. */
export function parameterNote(builtin: BuiltinDoc, name: string): string {
  const param = builtin.params.find((p) => p.name === name);
  if (!param) return builtin.variadic ? 'and any number more, by position' : '';
  const shown = signatureParameters(builtin.signature).find((p) => p.name === name)?.defaultText;
  if (param.defaultFrom !== undefined) return `optional, default: the value of ${param.defaultFrom}`;
  if (param.default !== undefined) return `optional, default ${shown ?? String(param.default)}`;
  return 'required';
}

export function signatureHelpAt(
  text: string,
  offset: number,
  builtins: ReadonlyMap<string, BuiltinDoc>,
): SignatureHelpData | undefined {
  const call = callAt(text, offset);
  const builtin = call && builtins.get(call.callee);
  if (!call || !builtin) return undefined;
  const parameters = signatureParameters(builtin.signature);
  let active: number | undefined;
  if (call.activeName !== undefined) {
    const index = parameters.findIndex((p) => p.name === call.activeName);
    active = index >= 0 ? index : undefined;
  } else if (builtin.variadic) {
    active = Math.min(call.positionalBefore, parameters.length - 1);
  } else {
    active = call.positionalBefore < parameters.length ? call.positionalBefore : undefined;
  }
  return {
    label: builtin.signature,
    documentation: `${builtin.summary}\n\n${exampleBlock(builtin)}`,
    parameters: parameters.map((p) => ({ label: [p.start, p.end], documentation: parameterNote(builtin, p.name) })),
    activeParameter: active,
  };
}

/**
 * The hover of a built-in's name where it is called (`relu` in `relu(a1)`,
 * `relu'(a1)`): signature, summary, parameters with defaults, example.
 * A name the homework defines itself is the homework's: the caller asks
 * only where no symbol of the homework is under the cursor.
 */
export function builtinHoverAt(
  text: string,
  offset: number,
  builtins: ReadonlyMap<string, BuiltinDoc>,
): { markdown: string; span: Span } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
  while (end < text.length && NAME_CHAR.test(text[end])) end++;
  if (start === end) return undefined;
  const builtin = builtins.get(text.slice(start, end));
  let after = end;
  if (text[after] === "'" || text[after] === '’') after++;
  if (!builtin || text[after] !== '(') return undefined;
  const params = signatureParameters(builtin.signature).map(
    (p) => `- \`${p.name}\`: ${parameterNote(builtin, p.name)}`,
  );
  const markdown = [
    '```homework\n' + builtin.signature + '\n```',
    builtin.summary,
    params.join('\n'),
    exampleBlock(builtin),
  ];
  return { markdown: markdown.join('\n\n'), span: { start, end } };
}
