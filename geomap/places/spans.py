"""Stage 2 helper (places): character or token ranges, asked whether one holds or meets a
range (the recogniser's taken spans, an article's boilerplate)."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

__all__ = ["Spans"]


class Spans:
    """``(start, end)`` ranges, asked in O(log n) whether one of them holds or meets a range.

    A scan of every range per question made long articles quadratic (every token asked
    against every mention found before it).
    """

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the furthest end among the ranges up to each one (sorted by start)
        self._reach = list(itertools.accumulate((e for _, e in ordered), max))

    def holds(self, start: int, end: int) -> bool:
        """Whether one range holds all of ``start:end``."""
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end

    def meets(self, start: int, end: int) -> bool:
        """Whether a range overlaps ``start:end``."""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._reach[i] > start
