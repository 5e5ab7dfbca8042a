"""Run passes in order over one text, keeping the edit log and mapping spans to the source."""
from __future__ import annotations

import dataclasses
import logging
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from .edits import OffsetMap, apply, carry_spans, map_back, map_back_all
from .model import Article, Block, Diagnostic, Edit, Page, Rule
from .passes.base import Context, Pass, option_problem
from .registry import PASSES, matches, pass_class
from .patterns import split_blocks
from .source import LineIndex

_T = TypeVar("_T", Edit, Diagnostic)
_SPAN = attrgetter("start", "end")
_log = logging.getLogger("cleaner")

#: the pipeline's own rule: a pass that raises (a bug) on a page loses that page nothing
RULES = (
    Rule("PL01", "pipeline.pass-failed", "a pass failed on this page (a bug): its changes were dropped, the text kept",
         False, "error"),
)


def _codes(codes: Sequence[str] | str, where: str) -> tuple[str, ...]:
    """``codes`` as upper-case rule-code prefixes, each checked against the known rules."""
    from .config import ConfigError, check_codes

    if isinstance(codes, str):
        codes = [c for c in codes.split(",") if c.strip()]
    try:
        return check_codes(list(codes), where, None)
    except ConfigError as err:
        raise ValueError(err.message) from None


def _pass_names(passes: Sequence[str] | None) -> list[str]:
    """``passes`` as a list of known pass names: a ``TypeError`` for anything but a list (or
    tuple) of strings (``passes="wrap"`` would be read a character at a time), a ``ValueError``
    for a name that is no pass."""
    if passes is None:
        return list(PASSES)
    if isinstance(passes, (str, bytes)) or not isinstance(passes, (list, tuple)):
        raise TypeError(f"passes must be a list of pass names such as [\"wrap\"], not {type(passes).__name__}")
    for n in passes:
        if not isinstance(n, str):
            raise TypeError(f"passes must be a list of pass names (strings), got {n!r}")
        if n not in PASSES:
            raise ValueError(f"unknown pass {n!r}; known: {', '.join(PASSES)}")
    return list(passes)


class Pipeline:
    """An ordered set of passes with their options.

    ``passes`` are pass names from :data:`cleaner.registry.PASSES` (default: all, in order);
    ``select``/``ignore`` are rule-code prefixes: edits and diagnostics of rules that are not
    selected are dropped (``select=("PU",)`` keeps only the punctuation rules).
    ``options`` maps ``"<pass>.<option>"`` to a value; unknown names are an error, and so is a
    code prefix that matches no rule (``select=("ZZ",)`` would otherwise run nothing, silently).
    A string is read as comma-separated prefixes (``select="PU,RJ"``).
    ``incremental=False`` makes a pass that runs again on a page redo all its work instead of
    skipping what it found nothing in before (``ctx.memo``, ``ctx.changed``): the same result,
    slower; for checking that the shortcuts hold.
    """

    def __init__(
        self,
        passes: Sequence[str] | None = None,
        *,
        select: Sequence[str] = ("ALL",),
        ignore: Sequence[str] = (),
        options: Mapping[str, Any] | None = None,
        max_rounds: int = 5,
        incremental: bool = True,
    ) -> None:
        names = _pass_names(passes)
        self.max_rounds = max_rounds
        self.incremental = incremental
        self.passes: list[Pass] = [pass_class(n)() for n in names]
        self.select = _codes(select, "select")
        if not self.select:  # (``select=[]`` would run every pass and keep nothing, or all: neither is meant)
            raise ValueError("select is empty: no rule would run (leave it out, or None, for every rule)")
        self.ignore = _codes(ignore, "ignore")
        self.options = self._resolve(options or {})
        for p in self.passes:
            p.check_options(self.options[p.name])
        self._everything = "ALL" in self.select and not self.ignore
        # structural edits count for another round from the first pass that re-runs on (_schedule)
        self._watch_from = next((p for p in self.passes if p.reruns and not p.final), None)
        self._enabled_codes: dict[str, bool] = {}

    def _resolve(self, options: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        known = {p.name: dict(p.options) for p in self.passes}
        for n in PASSES:  # options of passes not in this run are still valid names
            known.setdefault(n, dict(pass_class(n).options))
        for key, value in options.items():
            if not isinstance(key, str):
                raise TypeError(f"option names are strings such as \"wrap.max_wrap_width\", got {key!r}")
            name, _, opt = key.partition(".")
            if name not in known or opt not in known[name]:
                raise ValueError(f"unknown option {key!r}")
            default = known[name][opt]  # (each key once: still the default)
            # (a str for a width failed deep inside a pass; inf or nan on every page, as PL01)
            problem = option_problem(key, default, value, pass_class(name).limits.get(opt))
            if problem:
                raise ValueError(problem)
            known[name][opt] = value
        return known

    def _enabled(self, code: str) -> bool:
        return matches(code, self.select) and not matches(code, self.ignore)

    def _keep(self, items: list[_T]) -> list[_T]:
        """The ``items`` (edits or diagnostics) whose rule is selected and not ignored."""
        if self._everything:
            return items
        cache = self._enabled_codes
        keep = []
        for x in items:
            ok = cache.get(x.code)
            if ok is None:
                ok = cache[x.code] = self._enabled(x.code)
            if ok:
                keep.append(x)
        return keep

    def _schedule(self, text: str, changed: Any) -> Any:
        """The passes in order, then again the passes that changed the text's structure.

        A join or a removal (rejoin, dedup) can bring new work for them and for punctuation
        (a repeat that only shows once two pieces are one paragraph, ``，`` meeting ``，``), which
        the next clean of the output would do; so while such a pass changed something, those
        passes run again (at most :attr:`max_rounds` rounds) before the last passes (segment).
        ``None`` starts a new round; ``changed()`` says whether the last one made structural edits
        from its first re-run pass on: the passes before it (``wrap``'s joins) ran before all of
        them, which saw their output, so such a change alone needs no new round.
        """
        last = [i for i, p in enumerate(self.passes) if not p.final]
        body = self.passes[: last[-1] + 1] if last else []
        again = [p for p in body if p.reruns]
        yield from body
        for _ in range(self.max_rounds - 1):
            if not again or not changed():
                break
            yield None
            yield from again
        yield from self.passes[len(body) :]

    def run(
        self, text: str, *, path: str | None = None, line_offset: int = 0, locate: bool = True, records: bool = True
    ) -> Page:
        """Clean ``text`` (already decoded, newlines normalised) and return the :class:`Page`.

        ``line_offset`` is added to every reported line (for a chunk of a larger file).
        Two switches skip what only some outputs read (the CLI's text output needs neither, its
        JSONL output only records): ``locate=False`` leaves edits without a source location
        (they keep pass, step and spans: the log still replays); ``records=False`` leaves the
        page without records. Findings are located either way.
        """
        if not isinstance(text, str):
            raise TypeError(f"Pipeline.run() takes the text as a str, not {type(text).__name__}")
        source = text
        # Source locations need the line starts and one offset map per step; they are made only
        # when something needs them (steps[k] is step k's edits).
        lines = LineIndex(source) if locate or records else None
        starts = lines.starts if lines else []
        steps: list[list[Edit]] = []
        maps: list[OffsetMap] = []

        def located() -> list[OffsetMap]:
            maps.extend(OffsetMap(e) for e in steps[len(maps) :])
            return maps
        log: list[Edit] = []
        diagnostics: list[Diagnostic] = []
        meta: dict[str, Any] = {}
        planned: list[Article] | None = None  # the segment pass's records
        structural = watching = False

        # Spans are mapped back to the source a whole step at a time (map_back_all): per edit,
        # the pipeline's own work stays a few list operations.
        seen: set[tuple[str, int]] = set()
        failed: set[str] = set()  # the passes that raised on this page (warned of once)
        # the text each re-run pass was last given: given it again, it would find the same (its
        # edits and findings depend on the text and options only), so it is not run again. (Not its
        # own output: a pass is not always a fixed point of that, bench/equiv.py finds pages.)
        saw: dict[int, str] = {}
        memos: dict[int, dict[str, Any]] = {}  # each re-run pass's ctx.memo for this page
        changed: dict[int, list[tuple[int, int]]] = {}  # each re-run pass's ctx.changed
        for step, p in enumerate(self._schedule(text, lambda: structural)):
            if p is None:  # the end of a round
                structural = watching = False
                continue
            watching = watching or p is self._watch_from
            if p.reruns:
                if saw.get(id(p)) is text:
                    continue
                saw[id(p)] = text
            ctx = Context(text, self.options[p.name], meta)
            if not self._everything:
                ctx.enabled = self._enabled
            if p.reruns and self.incremental:
                ctx.memo = memos.setdefault(id(p), {})
                ctx.changed = changed.get(id(p))
            try:
                p.run(ctx)
            except Exception as err:  # noqa: BLE001 - one page's bug must not end a gigabyte run
                self._failed(ctx, p.name, err, path, line_offset, warn=p.name not in failed)
                failed.add(p.name)
            found = self._keep(ctx.diagnostics)
            if found:
                if lines is None:
                    lines = LineIndex(source)
                    starts = lines.starts
                located()
                ss = map_back_all(maps, [d.start for d in found])
                es = map_back_all(maps, [d.end for d in found], end=True)
                for d, s, t, ln in zip(found, ss, es, lines.lines(ss)):
                    if (d.code, s) in seen:
                        continue  # a later round finds what the first found
                    seen.add((d.code, s))
                    diagnostics.append(
                        dataclasses.replace(
                            d, pass_name=p.name, source=(s, t), line=ln + line_offset, col=s - starts[ln - 1] + 1
                        )
                    )
            edits = sorted(self._keep(ctx.edits), key=_SPAN)
            if ctx.records is not None:
                planned = ctx.records
            if p.reruns:
                changed[id(p)] = []
            if not edits:
                continue
            # The pipeline completes each edit a pass just reported in place (nobody else holds
            # it yet): one loop per step, a few attribute stores per edit.
            name = p.name
            if not locate:
                for e in edits:
                    e.pass_name = name
                    e.step = step
            else:
                # Edits that do not overlap (apply() refuses others) have ascending starts and ends.
                located()
                ss = map_back_all(maps, [e.start for e in edits], ordered=True)
                ts = map_back_all(maps, [e.end for e in edits], end=True, ordered=True)
                for e, s, t, ln in zip(edits, ss, ts, lines.lines(ss)):  # type: ignore[union-attr]  # locate: lines is set
                    e.pass_name = name
                    e.step = step
                    e.source = (s, t)
                    e.line = ln + line_offset
                    e.col = s - starts[ln - 1] + 1
                    if e.twin:  # a removed duplicate: where the kept copy is
                        e.twin_source = (map_back(maps, e.twin[0]), map_back(maps, e.twin[1], end=True))
                        e.twin_line = lines.line(e.twin_source[0]) + line_offset  # type: ignore[union-attr]
            log.extend(edits)
            # a join or a removal (not a one-character fix) may bring new work: another round (the
            # layout hints a first reading had, such as indents, are gone on the next clean)
            structural = structural or watching and any("\n" in e.before or (not e.after and len(e.before) > 1) for e in edits)
            text = apply(text, edits)
            steps.append(edits)
            for k, spans in changed.items():
                if k != id(p):
                    changed[k] = carry_spans(spans, edits)

        page = Page(text, source, [], log, diagnostics, path, meta)
        if records and lines is not None:
            page.articles = self._records(text, planned, located(), lines, line_offset, path)
            _attach(page.articles, diagnostics)
        return page

    @staticmethod
    def _failed(ctx: Context, name: str, err: Exception, path: str | None, line_offset: int, warn: bool) -> None:
        """A pass raised on this page: nothing it did so far is kept (the page goes on with the
        text it was given), and the failure is a PL01 error on the page and (``warn``: not
        warned of on this page yet) a warning, logger ``cleaner``: a long run finishes, and the
        page can be reported."""
        what = f"{type(err).__name__}: {err}"
        ctx.edits.clear()
        ctx.records = None
        ctx.diagnostics[:] = [Diagnostic("PL01", f"pass {name} failed on this page ({what}); its changes were dropped",
                                         0, 0, "error")]
        if warn:
            _log.warning("%s:%d: pass %s failed (%s); the page keeps the text it had before it (PL01, a bug: "
                         "please report it with this page)", path or "<stdin>", line_offset + 1, name, what)

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
        # not a lone \f line (a block of blank characters starts with one: test that first)
        spans = [(s, e) for s, e in split_blocks(text) if not (text[s].isspace() and text[s:e].isspace())]
        firsts = lines.lines(map_back_all(maps, [s for s, _ in spans], ordered=True))
        ends = map_back_all(maps, [e for _, e in spans], end=True, ordered=True)
        lasts = lines.lines([e - 1 if e else 0 for e in ends])  # offsets are >= 0
        blocks = []
        for (s, e), first, last in zip(spans, firsts, lasts):
            first += line_offset
            last += line_offset
            blocks.append(Block(text[s:e], s, e, (first, last if last > first else first)))
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
