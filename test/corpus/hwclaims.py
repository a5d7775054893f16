"""Claim-by-claim checks for the corpus oracles that state each line's kind by the call they make:
`ok` (a correct line), `close`, `holds`, `wrong` (a planted mistake), `wrong_entry`, `follows` (a step
computed from the writer's wrong value), `follows_relation`. Each records the true value under its key
in VALUES and any disagreement with the intent in FAILURES; `finish` prints VALUES as JSON on stdout
(the fixture) or, when a check failed, the failures on stderr and exits 1. Tolerances of
docs/language.md: `=` relative 1e-9, `≈` half a unit of the last written digit."""
import json
import sys
from decimal import Decimal

import numpy as np

VALUES = {}
FAILURES = []


def _half_unit(token):
    """Half a unit of the last written digit of a number as written ('0.5724', '1.747e-3', '-3')."""
    d = Decimal(token.replace('−', '-'))
    return 0.5 * 10.0 ** d.as_tuple().exponent


def parse(written):
    """A written literal (number or matrix '[a, b; c, d]') -> (values, half units), both 2-D arrays."""
    s = written.strip()
    if s.startswith('['):
        rows = [r.split(',') for r in s[1:-1].split(';')]
    else:
        rows = [[s]]
    vals = np.array([[float(t.strip().replace('−', '-')) for t in r] for r in rows])
    halves = np.array([[_half_unit(t.strip()) for t in r] for r in rows])
    return vals, halves


def as2d(x):
    a = np.asarray(x, dtype=float)
    return a.reshape(1, 1) if a.ndim == 0 else (a.reshape(-1, 1) if a.ndim == 1 else a)


def matches(value, written, rel):
    """Is value equal to the written literal under the relation: '=' (relative 1e-9), '≈' (half a unit)."""
    vals, halves = parse(written)
    v = as2d(value)
    if v.shape != vals.shape:
        return False
    if rel == '=':
        return bool(np.all(np.abs(v - vals) <= 1e-9 * np.abs(vals) + 1e-12))
    return bool(np.all(np.abs(v - vals) <= halves * (1 + 1e-9)))


def within_half_unit(value, written):
    return matches(value, written, '≈')


def jsonable(x):
    a = np.asarray(x, dtype=float)
    if a.ndim == 0:
        return float(a)
    return as2d(a).tolist()


def ok(key, truth, written=None, rel='='):
    """A correct line: the true value, and (if given) the literal written for it."""
    VALUES[key] = jsonable(truth)
    if written is not None and not matches(truth, written, rel):
        FAILURES.append(f'{key}: true value {truth} does not match written {written} under {rel}')


def close(key, truth, other, reltol=1e-3):
    """A correct claim between two computed expressions (≈ allows 10^-3 relative)."""
    VALUES[key] = jsonable(truth)
    if not np.allclose(as2d(truth), as2d(other), rtol=reltol, atol=0):
        FAILURES.append(f'{key}: {truth} and {other} differ by more than {reltol}')


def holds(key, condition):
    """A correct inequality."""
    VALUES[key] = bool(condition)
    if not condition:
        FAILURES.append(f'{key}: the inequality does not hold')


def wrong(key, truth, written, rel='='):
    """A planted mistake: the written value is wrong beyond rounding."""
    VALUES[key] = jsonable(truth)
    if matches(truth, written, rel) or within_half_unit(truth, written):
        FAILURES.append(f'{key}: planted mistake {written} is not wrong (true {truth})')


def wrong_entry(key, truth_matrix, written, entry):
    """A planted mistake in one entry (1-based (row, col)) of a matrix literal; every other entry right."""
    t = as2d(truth_matrix)
    vals, halves = parse(written)
    r, c = entry[0] - 1, entry[1] - 1
    VALUES[key] = jsonable(t)
    VALUES[f'{key}[{entry[0]},{entry[1]}]'] = float(t[r, c])
    bad = np.abs(t - vals) > halves
    if not bad[r, c] or bad.sum() != 1:
        FAILURES.append(f'{key}: expected exactly entry {entry} wrong, wrong entries {np.argwhere(bad) + 1}')


def follows(key, truth, writer_values, written, rel='=', rounded_too=False):
    """A step computed from the writer's wrong value(s): right for every writer value given (the writer's
    world with rounded inputs as written, and with unrounded inputs), wrong for the truth."""
    VALUES[key] = jsonable(truth)
    if not isinstance(writer_values, (list, tuple)):
        writer_values = [writer_values]
    VALUES[key + '.writer'] = jsonable(writer_values[0])
    for wv in writer_values:
        if not matches(wv, written, rel):
            FAILURES.append(f'{key}: the writer\'s value {wv} does not match written {written} under {rel}')
    if matches(truth, written, rel):
        FAILURES.append(f'{key}: the follow-through step {written} is also right for the truth {truth}')
    if within_half_unit(truth, written) and not rounded_too:
        FAILURES.append(f'{key}: {written} is within rounding of the truth {truth}: ambiguous')


def follows_relation(key, truth_holds, writer_holds):
    VALUES[key] = bool(truth_holds)
    VALUES[key + '.writer'] = bool(writer_holds)
    if truth_holds or not writer_holds:
        FAILURES.append(f'{key}: expected false for the truth and true for the writer')


def finish():
    if FAILURES:
        for f in FAILURES:
            print('ORACLE CHECK FAILED: ' + f, file=sys.stderr)
        sys.exit(1)
    lines = [f' {json.dumps(k)}: {json.dumps(v)}' for k, v in VALUES.items()]
    print('{\n' + ',\n'.join(lines) + '\n}')
