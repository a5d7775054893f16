"""Shared helpers for the corpus oracles: read the values a sheet writes, and say for each stated
value whether it is right against the truth, follows from the writer's own earlier values, or is
wrong, with the tolerances of docs/language.md (`=`: relative 1e-9; `≈` on a literal: half a unit
of the last digit written, entry by entry). Each oracle prints JSON on stdout (the fixture) and its
verdicts on stderr, so a planted mistake that is not wrong beyond rounding, or a follow-through
step that does not follow to the digits written, is seen before the sheet is committed."""

import json
import re
import sys

import numpy as np

NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def half_unit(literal):
    literal = literal.strip()
    mantissa, _, exponent = literal.lower().partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 0.5 * 10.0 ** ((int(exponent) if exponent else 0) - decimals)


def parse(written):
    """`[0.25, -1; 3, 4]` or `-0.6632` as (2-D array of values, 2-D array of half units)."""
    text = written.strip()
    if text.startswith("["):
        text = text[1:-1]
    rows = [row for row in text.split(";") if row.strip()]
    values, halves = [], []
    for row in rows:
        entries = [entry.strip() for entry in row.split(",")]
        for entry in entries:
            assert NUMBER.match(entry), f"not a literal: {entry!r} in {written!r}"
        values.append([float(entry) for entry in entries])
        halves.append([half_unit(entry) for entry in entries])
    return np.array(values), np.array(halves)


def draft_number(x, relation):
    if relation == "=" or abs(x - round(x, 4)) < 1e-12:
        return f"{x:.12g}"
    return f"{x:.4f}" if abs(x) < 10 else f"{x:.4g}"


def as2d(value):
    array = np.array(value, dtype=float)
    if array.ndim == 0:
        return array.reshape(1, 1)
    if array.ndim == 1:
        return array.reshape(-1, 1)
    return array


def fmt(value, digits=4):
    array = as2d(value)
    rows = ["{}".format(", ".join(f"{x:.{digits}g}" for x in row)) for row in array]
    return rows[0] if array.shape == (1, 1) else "[" + "; ".join(rows) + "]"


class Oracle:
    def __init__(self):
        self.values = {}
        self.problems = []

    def value(self, key, value):
        """A true value the sheet's expected findings may name."""
        array = as2d(value)
        self.values[key] = float(array[0, 0]) if array.shape == (1, 1) else array.tolist()
        return value

    def stated(self, key, relation, written, truth, writer=None, intent="right"):
        """One stated literal. `writer` is the value the writer's own earlier numbers give (defaults
        to the truth). Returns the writer's value of the name from here on: the literal as written."""
        truth2 = as2d(truth)
        writer2 = truth2 if writer is None else as2d(writer)
        if written is None:
            # A draft literal (4 decimals) from the truth, or from the writer's values for a step that
            # follows, to paste into the sheet and the oracle after a look.
            source = writer2 if intent == "follows" else truth2
            rows = ["{}".format(", ".join(draft_number(x, relation) for x in row)) for row in source]
            written = rows[0] if source.shape == (1, 1) else "[" + "; ".join(rows) + "]"
            self.problems.append(f"{key}: nothing written yet; draft {written}")
            print(f"  DRAFT {key}: {written}", file=sys.stderr)
        stated_value, halves = parse(written)
        if stated_value.shape != truth2.shape:
            self.problems.append(f"{key}: written shape {stated_value.shape}, truth {truth2.shape}")
            return stated_value
        exact = 1e-9 * np.abs(truth2) + 1e-12
        tolerance = halves if relation == "≈" else exact
        writer_tolerance = halves if relation == "≈" else 1e-9 * np.abs(writer2) + 1e-12
        right = np.abs(stated_value - truth2) <= tolerance
        follows = np.abs(stated_value - writer2) <= writer_tolerance
        rounded = np.abs(stated_value - truth2) <= halves
        if right.all():
            verdict = "right"
        elif (right | follows).all():
            verdict = "follows"
        elif relation == "=" and rounded.all():
            verdict = "rounded"
        else:
            verdict = "wrong"
        wrong_entries = [(i + 1, j + 1) for i, j in zip(*np.nonzero(~(right | follows)))]
        self.value(key, truth2)
        if writer is not None:
            self.value(key + ".writer", writer2)
        if truth2.shape != (1, 1):
            for i, j in wrong_entries:
                self.value(f"{key}[{i},{j}]", truth2[i - 1, j - 1])
        note = f"{verdict:8s} {key}: written {written}  truth {fmt(truth2, 6)}"
        if writer is not None:
            note += f"  writer {fmt(writer2, 6)}"
        if verdict == "wrong" and truth2.shape != (1, 1):
            note += f"  wrong entries {wrong_entries}"
        print(("MISMATCH " if verdict != intent else "         ") + note + f"  (intended {intent})", file=sys.stderr)
        if verdict != intent:
            self.problems.append(f"{key}: {verdict}, intended {intent}")
        if verdict == "wrong" and (~right & follows).any() and writer is not None:
            mixed = [(i + 1, j + 1) for i, j in zip(*np.nonzero(~right & follows))]
            self.problems.append(f"{key}: wrong, and entries {mixed} only follow (write them as the truth rounds)")
        if verdict == "follows" and not follows.all():
            note = f"         NOTE {key}: follows entry by entry (some entries right, not the writer's)"
            print(note, file=sys.stderr)
        return stated_value

    def link(self, key, truth, writer, intent):
        """A link written as an expression (not a literal): wrong against the truth, and what it gives."""
        truth2, writer2 = as2d(truth), as2d(writer)
        same = truth2.shape == writer2.shape and np.allclose(truth2, writer2, rtol=1e-9, atol=1e-12)
        verdict = "right" if same else "wrong"
        self.value(key, truth2)
        self.value(key + ".writer", writer2)
        print(
            ("MISMATCH " if verdict != intent else "         ")
            + f"{verdict:8s} {key}: link gives {fmt(writer2, 6)}  truth {fmt(truth2, 6)}  (intended {intent})",
            file=sys.stderr,
        )
        if verdict != intent:
            self.problems.append(f"{key}: {verdict}, intended {intent}")

    def expression(self, key, relation, truth, value, intent):
        """A link written as an expression of numbers (`7.3891 + 2.7183 + 1.1052`), with the verdicts the docs
        give it: right within its relation's tolerance (`=`: relative 1e-9; `≈` between two expressions: relative
        1e-3), else it follows when the intent says it is built from the writer's own numbers, else it is wrong."""
        truth2, value2 = as2d(truth), as2d(value)
        tolerance = 1e-3 if relation == "≈" else 1e-9
        right = truth2.shape == value2.shape and bool(
            (np.abs(value2 - truth2) <= tolerance * np.abs(truth2) + 1e-12).all()
        )
        verdict = "right" if right else ("follows" if intent == "follows" else "wrong")
        self.value(key, truth2)
        self.value(key + ".writer", value2)
        print(
            ("MISMATCH " if verdict != intent else "         ")
            + f"{verdict:8s} {key}: link gives {fmt(value2, 6)}  truth {fmt(truth2, 6)}  (intended {intent})",
            file=sys.stderr,
        )
        if verdict != intent:
            self.problems.append(f"{key}: {verdict}, intended {intent}")

    def suggest(self, label, value, digits=4):
        print(f"  suggest {label}: {fmt(value, digits)}", file=sys.stderr)

    def dump(self):
        print(json.dumps(self.values, indent=1, sort_keys=True))
        if self.problems:
            print("PROBLEMS:\n  " + "\n  ".join(self.problems), file=sys.stderr)
            sys.exit(1)
