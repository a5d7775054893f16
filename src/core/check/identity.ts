/**
 * `for NAMES: CLAIM` — an identity in free variables, checked on sampled
 * integer values (fixed seed, so a result never flickers) within the domain
 * where both sides are defined. Points where either side is undefined
 * (a domain error, `conv_out` with a kernel larger than the input) are
 * skipped; at least 200 points in the domain are wanted.
 *
 * Example: `for n, k, P, S: floor((n + 2P - k) / S) + 1 = conv_out(n, k, padding=P, stride=S)`
 * holds on every sampled point; `for n: n^2 = 2n` fails, and the diagnostic
 * names a counterexample such as n = 5 (25 ≠ 10).
 */
import type { Diagnostic, Verdict } from '../model';
import type { ForStatement } from '../syntax/ast';
import type { Span } from '../text/span';
import { EvalError } from '../values/errors';
import { formatNumber } from '../values/format';
import { Matrix, type Value } from '../values/value';
import { orderOf, sameValue } from './compare';
import { Evaluator, type EvalHost } from './evaluate';
import { diagnostic, valueText } from './messages';
import type { ProblemScope } from './scope';
import { LocatedError, Unavailable } from './walk';
import { seededRandom } from './random';

const IDENTITY_SAMPLES = 200;
const MAX_TRIES = 5000;
const SEED = 0x5eed1234;

/** Errors that mean "this point is outside the domain", not "the claim is broken". */
const DOMAIN_CODES = new Set(['call.domain', 'shape.mismatch', 'limit.overflow']);

export interface IdentityResult {
  readonly diagnostics: Diagnostic[];
  readonly verdicts: Verdict[];
}

export function checkIdentity(
  host: EvalHost,
  s: ForStatement,
  local: ProblemScope,
  relTol: number,
  textOf: (s: Span) => string,
): IdentityResult {
  const links = s.body.links;
  const verdicts: Verdict[] = links.map((_, i) => (i === 0 ? 'truth' : 'right'));
  const diagnostics: Diagnostic[] = [];
  if (links.length < 2) {
    diagnostics.push(
      diagnostic(
        'identity.no-claim',
        'error',
        s.span,
        'an identity needs a relation to check, e.g. `for n: n + n = 2n`',
      ),
    );
    return { diagnostics, verdicts: links.map(() => 'unchecked') };
  }
  const random = seededRandom(SEED);
  const names = s.variables.map((v) => v.name);
  let valid = 0;
  let tries = 0;
  const failed = new Set<number>();
  while (valid < IDENTITY_SAMPLES && tries < MAX_TRIES) {
    tries++;
    const point = names.map(() => sampleInteger(random));
    names.forEach((n, i) => {
      const b = local.lookup(n)!;
      b.truth = Matrix.scalar(point[i]);
      b.writer = b.truth;
    });
    let values: Value[];
    try {
      const evaluator = new Evaluator(host, 'truth', local);
      values = links.map((l) => evaluator.evaluate(l.expr));
    } catch (e) {
      if (e instanceof LocatedError && DOMAIN_CODES.has(e.error.code)) continue;
      if (e instanceof Unavailable) return { diagnostics, verdicts: links.map(() => 'unchecked') };
      if (e instanceof LocatedError) {
        if (e.error.code === 'limit.time') {
          diagnostics.push(diagnostic(e.error.code, 'error', e.span, e.error.message));
          return { diagnostics, verdicts: links.map(() => 'unchecked') };
        }
        diagnostics.push(diagnostic(e.error.code, 'error', e.span, e.error.message));
        return { diagnostics, verdicts: links.map(() => 'unchecked') };
      }
      if (e instanceof EvalError) continue;
      throw e;
    }
    valid++;
    for (let i = 1; i < links.length; i++) {
      if (failed.has(i)) continue;
      const relation = links[i].relation ?? '=';
      const left = relation === '=' || relation === '≈' ? values[0] : values[i - 1];
      const right = values[i];
      if (!holds(relation, left, right, relTol)) {
        failed.add(i);
        verdicts[i] = 'wrong';
        const where = names.map((n, k) => `${n} = ${formatNumber(point[k])}`).join(', ');
        const lhs = relation === '=' || relation === '≈' ? textOf(links[0].expr.span) : textOf(links[i - 1].expr.span);
        diagnostics.push(
          diagnostic(
            'identity.false',
            'error',
            links[i].span,
            `false for ${where}: ${short(lhs)} is ${valueText(left)}, ${short(textOf(links[i].expr.span))} is ${valueText(right)}`,
            {
              expected: valueText(left),
              found: valueText(right),
            },
          ),
        );
      }
    }
    // Every relation has its counterexample: more points cannot change a verdict or a diagnostic.
    if (failed.size === links.length - 1) break;
  }
  if (valid < IDENTITY_SAMPLES && failed.size === 0) {
    diagnostics.push(
      diagnostic(
        'identity.few-samples',
        'warning',
        s.keywordSpan,
        `only ${valid} of ${tries} sampled points were in the domain (${IDENTITY_SAMPLES} wanted): the identity is checked on those only`,
      ),
    );
  }
  return { diagnostics, verdicts };
}

function holds(relation: string, a: Value, b: Value, relTol: number): boolean {
  if (relation === '=') return sameValue(a, b, relTol);
  if (relation === '≈') return sameValue(a, b, 1e-6);
  if (relation === '≠') return !sameValue(a, b, relTol);
  const order = orderOf(a, b, relTol);
  if (order === undefined) return false;
  if (relation === '<') return order < 0;
  if (relation === '≤') return order <= 0;
  if (relation === '>') return order > 0;
  if (relation === '≥') return order >= 0;
  return false;
}

/** Small values most often (edge cases live there), some larger and negative ones. */
function sampleInteger(random: () => number): number {
  const r = random();
  if (r < 0.45) return Math.floor(random() * 11);
  if (r < 0.85) return Math.floor(random() * 61);
  return Math.floor(random() * 221) - 20;
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 30 ? `${t.slice(0, 27)}…` : t;
}
