"""A regular expression compiled on first use.

Compiling costs a cold start: all of crisis_patterns' patterns take about 100 ms of CPU, the synonym
table and the number-request pattern about 20 ms more. Most turns need only a few of them, so each is
compiled the first time it is searched.
"""
from __future__ import annotations

import re


class LazyRegex:
    """Stands in for a compiled pattern: any attribute (search, sub, finditer...) compiles it first."""
    __slots__ = ("_args", "_rx")

    def __init__(self, *args):
        self._args, self._rx = args, None

    def __getattr__(self, name):
        if self._rx is None:
            self._rx = re.compile(*self._args)
        return getattr(self._rx, name)
