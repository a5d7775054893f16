"""Read a sheet's stated literals by a marker on their line, judge them with hworacle, and write the
findings the docs say follow from those verdicts (expected.json), so the line numbers, the written
digits and the expected findings come from one place: the sheet.

A marker is the start of exactly one line of the sheet, or else text inside exactly one line. The stated literal is what
follows the last `=` or `≈` of that line (before a `#` comment). Written as `?`, the oracle prints a
draft value; `oracle.py --fill` writes the drafts into the sheet (for a planted mistake, write the
wrong digits by hand)."""

import json
import re
import sys

import numpy as np

from hworacle import Oracle, as2d, parse

RELATION = re.compile(r"(≈|~=|=)")
LITERAL = re.compile(r"^(\[[-0-9.eE,; ]+\]|-?[0-9.]+([eE][-+]?[0-9]+)?)$")


class Sheet:
    def __init__(self, sheet_path, expected_path, todo=None):
        self.sheet_path = sheet_path
        self.expected_path = expected_path
        self.todo = todo
        with open(sheet_path, encoding="utf8") as handle:
            self.lines = handle.read().split("\n")
        self.oracle = Oracle()
        self.findings = []
        self.fills = {}

    def find(self, marker):
        codes = [text.split("#")[0].strip() for text in self.lines]
        hits = [number for number, code in enumerate(codes, 1) if code.startswith(marker)]
        if len(hits) != 1:
            hits = [number for number, code in enumerate(codes, 1) if marker in code]
        if len(hits) != 1:
            raise SystemExit(f"marker {marker!r} is on {len(hits)} lines: {hits}")
        return hits[0]

    def literal(self, line):
        code = self.lines[line - 1].split("#")[0].rstrip()
        parts = RELATION.split(code)
        relation = "≈" if parts[-2] in ("≈", "~=") else "="
        return relation, parts[-1].strip()

    def stated(self, key, marker, truth, writer=None, intent="right", why=None):
        """Judge the literal on the marker's line; returns the writer's value from here on (as written)."""
        line = self.find(marker)
        relation, written = self.literal(line)
        if written == "?":
            before = len(self.oracle.problems)
            value = self.oracle.stated(key, relation, None, truth, writer, intent)
            draft = self.oracle.problems[before].split("draft ", 1)[1]
            self.fills[line] = draft
            return value
        if not LITERAL.match(written):
            # The stated side is an expression (`∂L/∂Out = G`): the docs compare it with `=`'s tolerance.
            self.oracle.link(key, truth, truth if writer is None else writer, intent)
            if intent == "follows":
                self.findings.append({"line": line, "code": "value.follows", "why": why or f"follows: {key}"})
            return as2d(truth if writer is None else writer)
        value = self.oracle.stated(key, relation, written, truth, writer, intent)
        self._edge_check(key, relation, written, truth, writer, intent)
        if intent == "wrong":
            self._wrong_findings(key, line, relation, written, truth, writer, why)
        elif intent == "follows":
            self.findings.append({"line": line, "code": "value.follows", "why": why or f"follows: {key}"})
        return value

    def _edge_check(self, key, relation, written, truth, writer, intent):
        """A literal within 2 % of half a unit from the value it must match could flip with floating-point
        noise in the checker: write a digit more."""
        if relation != "≈" or intent == "wrong":
            return
        stated_value, halves = parse(written)
        target = as2d(writer if intent == "follows" and writer is not None else truth)
        if target.shape != stated_value.shape:
            return
        ratio = np.abs(stated_value - target) / halves
        if (ratio > 0.98).any():
            self.oracle.problems.append(f"{key}: written {written} is within 2 % of the rounding edge")

    def entry_line(self, line, row, rows):
        """The line of a wrong entry's finding: the statement's own (a sheet with multi-line literals puts each
        row's entries on the row's line)."""
        return line

    def _wrong_findings(self, key, line, relation, written, truth, writer, why):
        stated_value, halves = parse(written)
        truth2 = as2d(truth)
        writer2 = truth2 if writer is None else as2d(writer)
        tolerance = halves if relation == "≈" else 1e-9 * np.abs(truth2) + 1e-12
        right = np.abs(stated_value - truth2) <= tolerance
        follows = np.abs(stated_value - writer2) <= tolerance
        if written.startswith("[") and truth2.shape != (1, 1):
            for i, j in zip(*np.nonzero(~(right | follows))):
                self.findings.append(
                    {
                        "line": int(self.entry_line(line, int(i) + 1, truth2.shape[0])),
                        "code": "value.wrong-entry",
                        "why": why or f"planted: {key}",
                        "truth": f"{key}[{i + 1},{j + 1}]",
                    }
                )
        else:
            self.findings.append({"line": line, "code": "value.wrong", "why": why or f"planted: {key}", "truth": key})

    def link(self, key, marker, truth, writer, why):
        """A planted wrong formula: the expression link is wrong; the literal after it is judged separately."""
        line = self.find(marker)
        self.oracle.link(key, truth, writer, "wrong")
        self.findings.append({"line": line, "code": "value.wrong", "why": why, "truth": key})

    def finding(self, marker, code, why):
        """A finding that is not a value's verdict (a domain error the sheet runs into on purpose)."""
        self.findings.append({"line": self.find(marker), "code": code, "why": why})

    def value(self, key, value):
        return self.oracle.value(key, value)

    def finish(self):
        if "--fill" in sys.argv and self.fills:
            for line, draft in self.fills.items():
                text = self.lines[line - 1]
                code, hash_, comment = text.partition("#")
                index = code.rindex("?")
                self.lines[line - 1] = code[:index] + draft + code[index + 1 :] + hash_ + comment
            with open(self.sheet_path, "w", encoding="utf8") as handle:
                handle.write("\n".join(self.lines))
            print(f"filled {len(self.fills)} drafts into the sheet", file=sys.stderr)
        if "--expected" in sys.argv:
            document = {}
            if self.todo:
                document["todo"] = self.todo
            document["findings"] = sorted(self.findings, key=lambda f: (f["line"], f["code"]))
            with open(self.expected_path, "w", encoding="utf8") as handle:
                handle.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
            print(f"wrote {len(self.findings)} findings to expected.json", file=sys.stderr)
        self.oracle.dump()


def to_matrix(x):
    """A value as a 2-D array: a number as 1×1, a vector as a column; a torch tensor is detached first."""
    if hasattr(x, "detach"):
        x = x.detach().numpy()
    return np.atleast_2d(np.array(x, dtype=float)) if np.ndim(x) != 1 else np.array(x, dtype=float).reshape(-1, 1)


class Worlds:
    """The true world and the writer's: a name's value in each, computed by the same function, and
    stated on the sheet's line found by its marker."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.T, self.W = {}, {}

    def given(self, **names):
        for name, value in names.items():
            self.T[name] = self.W[name] = to_matrix(value)

    def define(self, name, fn, marker=None, intent="right", why=None, key=None, truth=None):
        """A definition (or a gradient claim, with truth from autograd) stated on the marker's line."""
        writer_value = to_matrix(fn(self.W))
        true_value = to_matrix(fn(self.T)) if truth is None else to_matrix(truth)
        if truth is not None and intent != "link":
            assert np.allclose(to_matrix(fn(self.T)), true_value, rtol=1e-9, atol=1e-12), f"{name}: formula disagrees"
        self.T[name] = true_value
        if marker is None:
            self.W[name] = writer_value
        elif intent == "link":
            # A planted wrong formula: the link is wrong, the literal after it follows from the link.
            self.sheet.link(key + ".link", marker, true_value, to_matrix(fn(self.T)), why)
            self.W[name] = self.sheet.stated(
                key,
                marker,
                true_value,
                writer_value,
                "follows",
                "the literal is the link's value",
            )
        else:
            self.W[name] = self.sheet.stated(key or name, marker, true_value, writer_value, intent, why)
        return true_value

    def claim(self, key, marker, fn, intent="right", why=None, truth=None):
        true_value = to_matrix(fn(self.T)) if truth is None else to_matrix(truth)
        return self.sheet.stated(key, marker, true_value, to_matrix(fn(self.W)), intent, why)
