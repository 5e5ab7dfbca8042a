"""The records every part of cleaner shares: edits, diagnostics, rules, blocks, articles, pages.

Offsets are character offsets. A pass sees the text as earlier passes left it and reports spans
in *that* text (``start``/``end``); the pipeline maps them back to the original input and fills
``source``, ``line`` and ``col`` (1-based, columns counted in characters), so a user always sees
where in their file a change or a finding is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def json_path(path: str | None) -> str | None:
    """``path`` as it is written into JSON output. A file name that is not UTF-8 (legal on Linux:
    ``b'p\\xff.txt'``, which Python holds as ``'p\\udcff.txt'``) cannot be written as UTF-8 JSON
    and failed every JSON output with an internal error; its undecodable bytes are written as
    ``\\xff`` escapes instead (``"p\\\\xff.txt"`` in the JSON), visibly."""
    if path is None or path.isascii():
        return path
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    import os

    try:
        raw = os.fsencode(path)  # (the file name's own bytes)
    except UnicodeEncodeError:  # a lone surrogate that no file name gave (a library caller's)
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")

#: Severities, lowest first. ``error`` findings fail ``cleaner check``; ``warning`` ones only
#: with ``--strict``.
SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: a stable code (family prefix + two digits), a dotted name and a one-line summary."""

    code: str
    name: str
    summary: str
    fixable: bool = True
    severity: str = "error"


@dataclass(slots=True, unsafe_hash=True)
class Edit:
    """One change a pass made: ``text[start:end]`` (``before``) became ``after``.

    Treat it as read-only: the pipeline fills in the fields below ``twin`` as it logs the edit.
    (It is not a frozen dataclass because a page makes one per change, and a frozen one cost
    five times as much to create.) It hashes and compares by value.

    ``step`` is the index of the pass in the pipeline run; replaying the edits of each step in
    order over the input reproduces the output (see :func:`cleaner.edits.replay`).
    ``twin`` is, for a removed duplicate, the span of the copy that was kept.
    """

    code: str
    start: int
    end: int
    before: str
    after: str
    note: str = ""
    twin: tuple[int, int] | None = None
    # filled in by the pipeline
    pass_name: str = ""
    step: int = -1
    source: tuple[int, int] | None = None
    line: int = 0
    col: int = 0
    twin_source: tuple[int, int] | None = None
    twin_line: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The edit as JSON: code, pass, source line/column and span, before, after (and the note,
        the kept copy of a removed duplicate): the entries of :meth:`Page.to_dict`'s ``edits``."""
        d: dict[str, Any] = {
            "code": self.code,
            "pass": self.pass_name,
            "line": self.line,
            "col": self.col,
            "source": list(self.source) if self.source else None,
            "before": self.before,
            "after": self.after,
        }
        if self.note:
            d["note"] = self.note
        if self.twin_source:
            d["twin"] = {"source": list(self.twin_source), "line": self.twin_line}
        return d


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding: something worth a user's eye. It carries an :class:`Edit` when it is fixable.

    Passes report diagnostics that have no fix (a lost paragraph start, an unclosed quote);
    ``cleaner check`` turns every edit into a fixable diagnostic too, so check and fix share one
    list and cannot drift apart.
    """

    code: str
    message: str
    start: int
    end: int
    severity: str = "warning"
    edit: Edit | None = None
    pass_name: str = ""
    source: tuple[int, int] | None = None
    line: int = 0
    col: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON, as records carry it (``schema.json``'s ``diagnostic``)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "fixable": self.edit is not None,
        }


@dataclass(slots=True)
class Block:
    """A run of text between blank lines in the cleaned text: a heading line or a paragraph."""

    text: str
    start: int  # offset in the cleaned text
    end: int
    lines: tuple[int, int] = (0, 0)  # first and last source line, 1-based
    kind: str = "paragraph"  # title, subtitle, dateline-paragraph, byline, caption, label, …


@dataclass(slots=True)
class Article:
    """One record of a page: an article, a photo caption, a section label, …

    Field names are the public JSON record format (see ``cleaner/schema.json``).
    """

    id: str
    type: str = "article"
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    dateline: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    lines: tuple[int, int] = (0, 0)
    path: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """The record as the CLI's JSONL output writes it (``schema.json``'s ``record``), with the
        segment pass's extra fields (``page``, ``credits``, ``continued_on``…)."""
        d: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "title": self.title,
            "subtitles": list(self.subtitles),
            "dateline": self.dateline,
            "authors": list(self.authors),
            "byline": self.byline,
            "paragraphs": list(self.paragraphs),
            "text": self.text,
            "source": {"path": json_path(self.path), "lines": list(self.lines)},
            "diagnostics": [x.to_dict() for x in self.diagnostics],
        }
        d.update(self.extra)
        return d


@dataclass(slots=True)
class Page:
    """The result of cleaning one input: the clean text, its records, the edit log and findings."""

    text: str
    source_text: str
    articles: list[Article]
    edits: list[Edit]
    diagnostics: list[Diagnostic]
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def blocks(self) -> list[Block]:
        """Every block of every record, in page order."""
        return [b for a in self.articles for b in a.blocks]

    @property
    def changed(self) -> bool:
        return self.text != self.source_text

    def findings(self) -> list[Diagnostic]:
        """Every edit as a fixable diagnostic plus the diagnostics without a fix, in source order."""
        from .registry import rule_for

        out = list(self.diagnostics)
        for e in self.edits:
            rule = rule_for(e.code)
            message = rule.summary if rule else e.code
            if e.note:
                message = f"{message} ({e.note})"
            out.append(
                Diagnostic(
                    e.code, message, e.start, e.end, rule.severity if rule else "error", e,
                    e.pass_name, e.source, e.line, e.col,
                )
            )
        out.sort(key=lambda d: (d.line, d.col, d.code))
        return out

    def to_dict(self) -> dict[str, Any]:
        """Everything about the page for a library caller: the clean text, metadata, records, the
        whole edit log and the findings. (The CLI's ``-f json`` object, ``schema.json``'s ``page``,
        is :func:`cleaner.formats.page_dict`: records and findings with counts, no text or log.)"""
        return {
            "path": json_path(self.path),
            "text": self.text,
            "meta": self.meta,
            "records": [a.to_dict() for a in self.articles],
            "edits": [e.to_dict() for e in self.edits],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }
