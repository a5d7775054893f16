/**
 * Word-valued parameters: `cross_entropy(P, y, reduction=sum)`. The value
 * after `=` is read as a word from the built-in's list, not evaluated, so
 * `sum` here is neither the function nor a student's variable. The built-in
 * receives the word's position in its list (-1 for anything else, which it
 * reports as a `call.domain` on the argument, listing the words).
 *
 *     isWordArgument('cross_entropy', reduction=sum)   // true
 *     wordCode('cross_entropy', reduction=sum)         // 0 (the list is ['sum', 'mean'])
 */
import type { NamedArgument } from '../syntax/ast';
import { findBuiltin } from './registry';

function wordsOf(callee: string, argument: NamedArgument): readonly string[] | undefined {
  return findBuiltin(callee)?.words?.[argument.name.name];
}

/** The argument is a word parameter of the built-in `callee`. */
export function isWordArgument(callee: string, argument: NamedArgument): boolean {
  return wordsOf(callee, argument) !== undefined;
}

/** The word's position in the parameter's list, or -1 when the value is not one of its words. */
export function wordCode(callee: string, argument: NamedArgument): number {
  const words = wordsOf(callee, argument);
  if (words === undefined || argument.value.kind !== 'name') return -1;
  return words.indexOf(argument.value.name);
}
