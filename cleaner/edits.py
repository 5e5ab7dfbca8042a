"""Applying edits, mapping offsets through them, and replaying an edit log.

A pass returns edits against the text it was given; they must not overlap. The pipeline applies
them in one go (:func:`apply`) and keeps an :class:`OffsetMap` per step so any offset in a later
text can be traced back to the original input.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from operator import add

from .model import Edit


def apply(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping ``edits`` (sorted by ``start``) to ``text``."""
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start} ({e.code})")
        parts.append(text[pos : e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def carry_spans(spans: list[tuple[int, int]], edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """``spans`` of a text moved into the text after ``edits``, with the spans the edits wrote:
    where the result differs from an earlier text. In order, merged where they touch."""
    if not edits:
        return spans
    in_starts = [e.start for e in edits]
    shifts = list(accumulate((len(e.after) - (e.end - e.start) for e in edits), initial=0))
    written = [(e.start + k, e.start + k + len(e.after)) for e, k in zip(edits, shifts)]

    def forward(pos: int, end: bool) -> int:
        i = bisect_right(in_starts, pos) - 1
        if i < 0:
            return pos
        if pos < edits[i].end:  # inside replaced text: the edge of what replaced it
            return written[i][1] if end else written[i][0]
        return pos + shifts[i + 1]

    return merge_spans(sorted([*((forward(a, False), forward(b, True)) for a, b in spans), *written]))


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (in order of their starts) with those that overlap or touch made one."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


class OffsetMap:
    """Maps offsets in the text after one step of edits back to the text before it."""

    __slots__ = ("out_starts", "out_ends", "in_starts", "in_ends")

    def __init__(self, edits: Sequence[Edit]) -> None:
        # Built with C-level list operations: a pipeline step may carry tens of thousands of edits.
        self.in_starts: list[int] = [e.start for e in edits]
        self.in_ends: list[int] = [e.end for e in edits]
        growth = [len(e.after) - (e.end - e.start) for e in edits]
        shifts = list(accumulate(growth, initial=0))
        self.out_starts: list[int] = list(map(add, self.in_starts, shifts))
        self.out_ends: list[int] = [s + len(e.after) for s, e in zip(self.out_starts, edits)]

    def back(self, pos: int, *, end: bool = False) -> int:
        """The offset in the input text that ``pos`` in the output text came from.

        A position inside replaced text maps to the start of what it replaced (or its end when
        ``end`` is true, for the end of a span).
        """
        if end:
            i = bisect_left(self.out_starts, pos) - 1  # last edit starting strictly before pos
        else:
            i = bisect_right(self.out_starts, pos) - 1
        if i < 0:
            return pos
        if pos >= self.out_ends[i]:
            return self.in_ends[i] + (pos - self.out_ends[i])
        return self.in_ends[i] if end else self.in_starts[i]

    def back_all(self, positions: Sequence[int], *, end: bool = False, ordered: bool = False) -> list[int]:
        """:meth:`back` of each of ``positions``, in one call.

        With ``ordered`` (``positions`` ascending) and few edits beside many positions, whole
        runs of positions between two edits are shifted at once.
        """
        out_starts, out_ends, in_ends = self.out_starts, self.out_ends, self.in_ends
        if ordered and len(out_starts) * 4 < len(positions):
            return self._back_ordered(positions, end)
        inside = in_ends if end else self.in_starts
        find = bisect_left if end else bisect_right
        res: list[int] = []
        append = res.append
        for pos in positions:
            i = find(out_starts, pos) - 1
            if i < 0:
                append(pos)
            elif pos >= out_ends[i]:
                append(in_ends[i] + pos - out_ends[i])
            else:
                append(inside[i])
        return res


    def _back_ordered(self, positions: Sequence[int], end: bool) -> list[int]:
        # The positions that fall after edit i and before edit i + 1 (for ``end``: after its
        # start, up to the next start) are those within it (mapped to one offset) and those
        # after its replacement (shifted by one amount): two bisections per edit.
        out_starts, out_ends, in_ends = self.out_starts, self.out_ends, self.in_ends
        inside = in_ends if end else self.in_starts
        first = bisect_right if end else bisect_left  # index of the first position of a group
        n = len(positions)
        k = first(positions, out_starts[0]) if out_starts else n
        res = list(positions[:k])
        extend = res.extend
        last = len(out_starts) - 1
        for i, out_end in enumerate(out_ends):
            nxt = first(positions, out_starts[i + 1], k) if i < last else n
            mid = bisect_left(positions, out_end, k, nxt)  # within [k, nxt]
            if mid > k:
                extend([inside[i]] * (mid - k))
            if nxt > mid:
                extend(map((in_ends[i] - out_end).__add__, positions[mid:nxt]))
            k = nxt
        return res


def map_back(maps: Sequence[OffsetMap], pos: int, *, end: bool = False) -> int:
    """Trace ``pos`` back through ``maps`` (oldest first) to the original text."""
    for m in reversed(maps):
        pos = m.back(pos, end=end)
    return pos


def map_back_all(
    maps: Sequence[OffsetMap], positions: Iterable[int], *, end: bool = False, ordered: bool = False
) -> list[int]:
    """:func:`map_back` of each of ``positions``, one pass over the positions per map
    (``ordered``: they are ascending, which every map keeps)."""
    out = list(positions)
    for m in reversed(maps):
        out = m.back_all(out, end=end, ordered=ordered)
    return out


def replay(text: str, edits: Iterable[Edit]) -> str:
    """Re-apply an edit log (as in :attr:`cleaner.Page.edits`) to the original input text.

    Edits are grouped by ``step``; each step's spans refer to the text the previous step produced.
    """
    if not isinstance(text, str):
        raise TypeError(f"replay() takes the source text as a str, not {type(text).__name__}")
    batch: list[Edit] = []
    step = None
    for e in edits:
        if not isinstance(e, Edit):
            raise TypeError(f"replay() takes a list of Edit (page.edits), got {type(e).__name__}")
        if e.step != step and batch:
            text = apply(text, sorted(batch, key=_key))
            batch = []
        step = e.step
        batch.append(e)
    if batch:
        text = apply(text, sorted(batch, key=_key))
    return text


def _key(e: Edit) -> tuple[int, int]:
    return (e.start, e.end)
