"""Literal words a pattern cannot match without. The request path skips a synonym pattern (and never
compiles it) when the text holds none of them: derived here, at build time, because parsing every
pattern costs about as much as compiling it, and written to data/normalise_needles.json. A prefilter
written by hand (reading.CONTACT_WORDS) is checked against its pattern here too.

The derivation is conservative: for a sequence it keeps one element every match must contain (a run
of literal characters, or a group, alternation or repeat whose every match contains one of a set of
strings); anything it cannot be sure of gives no needles, and that pattern is always applied.
"""
from __future__ import annotations

import re._constants as c
import re._parser as parser

from recovery_guide.understanding import normalise

MIN_NEEDLE = 2   # a needle of one character would filter almost nothing


def _necessary(items) -> set[str] | None:
    candidates, run = [], ""
    for op, arg in items:
        if op is c.LITERAL:
            run += chr(arg)
            continue
        if run:
            candidates.append({run})
            run = ""
        found = None
        if op is c.SUBPATTERN:
            found = _necessary(arg[-1])
        elif op is c.BRANCH:
            branches = [_necessary(branch) for branch in arg[1]]
            found = set().union(*branches) if all(branches) else None
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            found = _necessary(arg[2])
        if found:
            candidates.append(found)
    if run:
        candidates.append({run})
    candidates = [found for found in candidates if min(len(s) for s in found) >= MIN_NEEDLE]
    # The most selective choice: the set whose shortest needle is longest, then the smallest set.
    return max(candidates, key=lambda found: (min(len(s) for s in found), -len(found))) if candidates else None


def necessary_literals(pattern: str) -> list[str] | None:
    """Strings of which every match of `pattern` contains at least one, or None when unsure."""
    found = _necessary(list(parser.parse(pattern)))
    return sorted(found) if found else None


def synonym_needles() -> dict[str, list[str]]:
    """{synonym pattern: needles} for every pattern of normalise's synonym table that has needles."""
    out = {}
    for pattern, _ in normalise.SYNONYM_SOURCES:
        needles = necessary_literals(pattern)
        if needles:
            out[pattern] = needles
    return out


def always_contains_one_of(pattern: str, words) -> bool:
    """True when every match of `pattern` contains one of `words` (a hand-written prefilter, such as
    reading.CONTACT_WORDS, is then sound); False when that cannot be shown."""
    def walk(items) -> bool:
        run = ""
        for op, arg in items:
            if op is c.LITERAL:
                run += chr(arg)
                if any(word in run for word in words):
                    return True
                continue
            run = ""
            if op is c.SUBPATTERN and walk(arg[-1]):
                return True
            if op is c.BRANCH and all(walk(branch) for branch in arg[1]):
                return True
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1 and walk(arg[2]):
                return True
        return False

    return walk(list(parser.parse(pattern)))
