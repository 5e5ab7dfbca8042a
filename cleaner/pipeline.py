"""Run passes in order over one text, keeping the edit log and mapping spans to the source."""
from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

from .edits import OffsetMap, apply, map_back
from .model import Article, Block, Diagnostic, Edit, Page
from .passes.base import Context, Pass
from .registry import PASSES, matches, pass_class
from .patterns import split_blocks
from .source import LineIndex

class Pipeline:
    """An ordered set of passes with their options.

    ``passes`` are pass names from :data:`cleaner.registry.PASSES` (default: all, in order);
    ``select``/``ignore`` are rule-code prefixes: edits and diagnostics of rules that are not
    selected are dropped (``select=("PU",)`` keeps only the punctuation rules).
    ``options`` maps ``"<pass>.<option>"`` to a value; unknown names are an error.
    """

    def __init__(
        self,
        passes: Sequence[str] | None = None,
        *,
        select: Sequence[str] = ("ALL",),
        ignore: Sequence[str] = (),
        options: Mapping[str, Any] | None = None,
    ) -> None:
        names = list(passes) if passes is not None else list(PASSES)
        self.passes: list[Pass] = [pass_class(n)() for n in names]
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self.options = self._resolve(options or {})

    def _resolve(self, options: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        known = {p.name: dict(p.options) for p in self.passes}
        for n in PASSES:  # options of passes not in this run are still valid names
            known.setdefault(n, dict(pass_class(n).options))
        for key, value in options.items():
            name, _, opt = key.partition(".")
            if name not in known or opt not in known[name]:
                raise ValueError(f"unknown option {key!r}")
            known[name][opt] = value
        return known

    def _enabled(self, code: str) -> bool:
        return matches(code, self.select) and not matches(code, self.ignore)

    def run(self, text: str, *, path: str | None = None, line_offset: int = 0) -> Page:
        """Clean ``text`` (already decoded, newlines normalised) and return the :class:`Page`.

        ``line_offset`` is added to every reported line (for a chunk of a larger file).
        """
        source = text
        lines = LineIndex(source)
        maps: list[OffsetMap] = []
        log: list[Edit] = []
        diagnostics: list[Diagnostic] = []
        meta: dict[str, Any] = {}
        records: list[Article] | None = None

        def locate(pos: int, end: bool = False) -> int:
            return map_back(maps, pos, end=end)

        for step, p in enumerate(self.passes):
            ctx = Context(text, self.options[p.name], meta)
            p.run(ctx)
            for d in ctx.diagnostics:
                if not self._enabled(d.code):
                    continue
                s, e = locate(d.start), locate(d.end, True)
                ln, col = lines.locate(s)
                diagnostics.append(
                    dataclasses.replace(d, pass_name=p.name, source=(s, e), line=ln + line_offset, col=col)
                )
            edits = sorted((e for e in ctx.edits if self._enabled(e.code)), key=lambda e: (e.start, e.end))
            if ctx.records is not None:
                records = ctx.records
            if not edits:
                continue
            for e in edits:
                s, t = locate(e.start), locate(e.end, True)
                ln, col = lines.locate(s)
                twin_src, twin_line = None, 0
                if e.twin:
                    twin_src = (locate(e.twin[0]), locate(e.twin[1], True))
                    twin_line = lines.line(twin_src[0]) + line_offset
                log.append(
                    dataclasses.replace(
                        e, pass_name=p.name, step=step, source=(s, t), line=ln + line_offset, col=col,
                        twin_source=twin_src, twin_line=twin_line,
                    )
                )
            text = apply(text, edits)
            maps.append(OffsetMap(edits))

        page = Page(text, source, [], log, diagnostics, path, meta)
        page.articles = self._records(text, records, maps, lines, line_offset, path)
        _attach(page.articles, diagnostics)
        return page

    def _records(
        self,
        text: str,
        records: list[Article] | None,
        maps: list[OffsetMap],
        lines: LineIndex,
        line_offset: int,
        path: str | None,
    ) -> list[Article]:
        """Attach final block spans and source line ranges to the records.

        The segment pass plans records block by block; its own layout edits only touch the
        separators, so the final text has the same blocks in the same order.
        """
        spans = [(s, e) for s, e in split_blocks(text) if not text[s:e].isspace()]  # not a lone \f line
        blocks = []
        for s, e in spans:
            first = lines.line(map_back(maps, s)) + line_offset
            last = lines.line(max(map_back(maps, e, end=True) - 1, 0)) + line_offset
            blocks.append(Block(text[s:e], s, e, (first, max(first, last))))
        if records is None:  # no segment pass: one record of plain paragraphs
            if not blocks:
                return []
            records = [Article("p1-r1", "text", paragraphs=[b.text for b in blocks], blocks=[Block(b.text, 0, 0) for b in blocks])]
        out = []
        i = 0
        for rec in records:
            n = len(rec.blocks)
            mine = blocks[i : i + n]
            for planned, final in zip(rec.blocks, mine):
                final.kind = planned.kind
            i += n
            rec.blocks = mine
            rec.path = path
            if mine:
                rec.lines = (mine[0].lines[0], mine[-1].lines[1])
            out.append(rec)
        return out


def _attach(records: list[Article], diagnostics: list[Diagnostic]) -> None:
    """Give each record the diagnostics whose line falls inside its source line range."""
    spans = sorted((a.lines[0], a.lines[1], k) for k, a in enumerate(records) if a.lines[0])
    firsts = [s[0] for s in spans]
    for d in diagnostics:
        i = bisect_right(firsts, d.line) - 1
        if i >= 0 and d.line <= spans[i][1]:
            records[spans[i][2]].diagnostics.append(d)


def clean_text(text: str, *, path: str | None = None, pipeline: Pipeline | None = None, line_offset: int = 0) -> Page:
    """Clean already-decoded text with ``pipeline`` (default: every pass, default options)."""
    return (pipeline or Pipeline()).run(text, path=path, line_offset=line_offset)
