"""The small interface every pass implements.

A pass is a class with a ``name``, the ``rules`` it can report, its ``options`` with defaults,
and a ``run(ctx)`` that reads ``ctx.text`` and reports through ``ctx.edit`` and
``ctx.diagnose``. It never changes the text itself: the pipeline applies the edits, so every
change is in the log by construction.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar

from ..model import Article, Diagnostic, Edit, Rule


@dataclass
class Context:
    """What a pass sees: the current text, its options, page metadata shared between passes."""

    text: str
    options: Mapping[str, Any]
    meta: dict[str, Any]
    edits: list[Edit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: set by the segment pass: the page's records, in block order
    records: list[Article] | None = None
    #: what this pass learned about this page in an earlier round (a dict private to the pass,
    #: kept for one page only): a later round may skip work whose result it already knows, but
    #: must report exactly what a run without it would
    memo: dict[str, Any] = field(default_factory=dict)
    #: for a pass run again on a page: the spans of ``text`` that other passes changed since its
    #: last run (its own output it has seen); None on its first run
    changed: list[tuple[int, int]] | None = None
    #: whether a rule is selected (the pipeline drops the edits of the others): for a pass whose
    #: edits of one rule only make sense with those of another (``wrap``: RJ02 with RJ01)
    enabled: Callable[[str], bool] = field(default=lambda code: True)

    def edit(
        self, code: str, start: int, end: int, after: str, note: str = "", twin: tuple[int, int] | None = None
    ) -> None:
        """Replace ``text[start:end]`` by ``after``. Spans of one pass must not overlap."""
        before = self.text[start:end]
        if before != after:
            self.edits.append(Edit(code, start, end, before, after, note, twin))

    def diagnose(self, code: str, start: int, end: int, message: str, severity: str = "warning") -> None:
        """Report a finding without a fix at ``text[start:end]``."""
        self.diagnostics.append(Diagnostic(code, message, start, end, severity))


def option_fits(default: Any, value: Any) -> bool:
    """Whether ``value`` has the type of an option whose default is ``default``: a bool for a
    bool, a number (not a bool) for a number, the same type otherwise (any for a None default)."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return default is None or isinstance(value, type(default))


#: the largest value of a whole-number option (a width, a count of characters, lines or pages):
#: no page needs more, and a bigger number is a typo
MAX_COUNT = 100_000


def option_problem(key: str, default: Any, value: Any, limits: tuple[float, float] | None = None) -> str | None:
    """What is wrong with ``value`` for the option ``key`` (``"wrap.max_wrap_width"``) whose
    default is ``default``, or None. Beyond its type (:func:`option_fits`), a number must be
    finite (``inf`` and ``nan`` got through and failed every page as PL01) and within ``limits``:
    by default 0 to :data:`MAX_COUNT` for a whole-number option, 0 to 1 for a fraction."""
    if not option_fits(default, value):
        return f"option {key!r} must be a {type(default).__name__}, got {value!r}"
    if isinstance(default, bool) or not isinstance(default, (int, float)):
        return None
    if limits is None:
        limits = (0, MAX_COUNT) if isinstance(default, int) else (0.0, 1.0)
    lo, hi = limits
    if not math.isfinite(value):
        return f"option {key!r} must be a finite number, got {value!r}"
    if not lo <= value <= hi:
        return f"option {key!r} must be between {lo} and {hi}, got {value!r}"
    return None


class Pass:
    """Base class of passes. Subclasses set the class attributes and implement :meth:`run`."""

    #: short name: the config table (``[tool.cleaner.<name>]``) and the ``--passes`` name
    name: ClassVar[str] = ""
    #: every rule the pass may report, code first
    rules: ClassVar[tuple[Rule, ...]] = ()
    #: option names and defaults; the user sets them as ``<name>.<option>``
    options: ClassVar[Mapping[str, Any]] = {}
    #: joins or removals of this pass can give it (and the other ``reruns`` passes) new work on
    #: its own output: the pipeline runs such passes again until they settle (idempotence)
    reruns: ClassVar[bool] = False
    #: runs once, after every other pass has settled (the layout of records)
    final: ClassVar[bool] = False
    #: the range (lowest, highest, both allowed) of a numeric option, where it is not the
    #: default of :func:`option_problem` (0 to MAX_COUNT for a whole number, 0 to 1 a fraction)
    limits: ClassVar[Mapping[str, tuple[float, float]]] = {}

    def run(self, ctx: Context) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def check_options(cls, options: Mapping[str, Any]) -> None:
        """Raise ``ValueError`` for an option value the pass cannot run with. The pipeline asks
        when it is built: an exception while a page is cleaned is a bug (PL01), not the user's."""
