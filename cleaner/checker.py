"""Check and fix one file: what ``cleaner check``, ``fix`` and ``explain`` share.

Check and fix cannot drift apart: a file's findings are :meth:`Page.findings` of one pipeline
run (every edit is a fixable finding, every diagnostic without a fix is one too), and the fixed
text is that same run's output, written back in the file's own encoding, BOM and newline style.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from collections.abc import Iterator
from typing import Any, BinaryIO, cast

from .config import Config
from .errors import CleanerError
from .model import Diagnostic, Page, json_path
from .patterns import HAN_CHAR_RE
from .pipeline import Pipeline
from .source import BOM_MARKS, Decoded, LineIndex, decode, detect_newline

#: fix re-runs the pipeline on its own output until nothing changes, at most this many times;
#: more than one round means a pass is not idempotent (a bug, reported on stderr).
MAX_ROUNDS = 4

_PIPELINES: dict[str, Pipeline] = {}  # one per distinct settings in a run


@dataclass(frozen=True)
class Settings:
    """What to run on one file: the file's :class:`Config` with command-line overrides applied."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    strict: bool = False
    options: tuple[tuple[str, Any], ...] = ()
    config: Config = field(default_factory=Config)

    @classmethod
    def for_path(
        cls,
        config: Config,
        path: str | None,
        *,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        strict: bool | None = None,
    ) -> Settings:
        """Command-line ``select``/``ignore``/``strict`` replace the configuration's; per-path
        ignores of the configuration still apply."""
        ignores = config.ignores_for(path)
        if ignore is not None:
            ignores = tuple(ignore) + ignores[len(config.ignore):]
        return cls(
            select=tuple(select) if select is not None else config.select,
            ignore=ignores,
            strict=config.strict if strict is None else strict,
            options=config.options,
            config=config,
        )

    def pipeline(self) -> Pipeline:
        key = repr((self.select, self.ignore, self.options))
        p = _PIPELINES.get(key)
        if p is None:
            try:
                p = Pipeline(select=self.select, ignore=self.ignore, options=dict(self.options))
            except ValueError as err:
                raise CleanerError(str(err), self.config.path) from None
            _PIPELINES[key] = p
        return p

    def fails(self, severity: str) -> bool:
        """Whether a finding of ``severity`` makes ``check`` exit 1."""
        return severity == "error" or (self.strict and severity == "warning")


@dataclass(frozen=True)
class Finding:
    """One line of ``cleaner check`` output: a diagnostic placed in a file, with its severity."""

    path: str
    code: str
    name: str
    severity: str
    line: int
    col: int
    end_line: int
    end_col: int
    message: str
    diagnostic: Diagnostic

    @property
    def fixable(self) -> bool:
        return self.diagnostic.edit is not None

    def to_dict(self) -> dict[str, Any]:
        e = self.diagnostic.edit
        return {
            "path": json_path(self.path),
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "message": self.message,
            "fixable": e is not None,
            "fix": {"before": e.before, "after": e.after} if e is not None else None,
        }


@dataclass
class Result:
    """One file checked: its findings and the bytes ``fix`` would write."""

    path: str  # as shown to the user ("-" or --stdin-filename for stdin)
    data: bytes
    decoded: Decoded
    page: Page
    settings: Settings
    findings: list[Finding]
    fixed_text: str
    rounds: int = 1
    unstable: tuple[str, ...] = ()  # codes still firing after the first round
    #: findings of the fixed text (after ``fix``; else the findings without a fix)
    remaining: list[Finding] = field(default_factory=list)
    #: not checked: the file holds no Chinese text (:func:`check_bytes`)
    skipped: bool = False
    #: a chunk of a file checked a piece at a time (:func:`check_stream`): its number from 1, and
    #: whether it is the file's last; a file checked whole is part 0 and its own last
    part: int = 0
    last: bool = True

    @property
    def changed(self) -> bool:
        return self.fixed_text != self.decoded.text

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.findings if self.settings.fails(f.severity)]

    def fixed_bytes(self) -> bytes:
        """The fixed text in the input's encoding, BOM and newline style (the input if unchanged)."""
        if not self.changed:
            return self.data
        return encode_like(self.fixed_text, self.decoded, self.data, self.path)


def encode_like(text: str, decoded: Decoded, data: bytes, path: str | None = None) -> bytes:
    """Encode ``text`` (``\\n`` newlines) the way ``data`` was: encoding, BOM, newline style.

    >>> d = decode("本报讯（记者 董芳）春耕时节，田间地头一派繁忙。\\r\\n".encode("gb18030"))
    >>> d.encoding, d.newline
    ('gb18030', '\\r\\n')
    >>> encode_like("春耕时节。\\n", d, b"") == "春耕时节。\\r\\n".encode("gb18030")
    True
    """
    if decoded.newline != "\n":
        text = text.replace("\n", decoded.newline)
    enc = decoded.encoding
    try:
        if enc == "utf-8-sig":
            return codecs.BOM_UTF8 + text.encode("utf-8")
        if enc in ("utf-16", "utf-32"):  # these codecs write a BOM of their own: say which
            be = data.startswith((codecs.BOM_UTF32_BE, codecs.BOM_UTF16_BE))
            enc = f"{enc}-{'be' if be else 'le'}"
        return (("\ufeff" + text) if decoded.bom else text).encode(enc)
    except UnicodeEncodeError as err:
        bad = err.object[err.start : err.end]
        line = err.object.count(decoded.newline, 0, err.start) + 1
        raise CleanerError(f"cannot write the fixed text as {enc}: {bad!r} has no encoding in it", path, line) from None


def _findings(page: Page, path: str, settings: Settings) -> list[Finding]:
    from .registry import rule_for
    from .report import edit_message

    lines = LineIndex(page.source_text)
    out = []
    for d in page.findings():
        rule = rule_for(d.code)
        at_end = d.source is not None and d.source[1] == len(page.source_text)
        message = edit_message(d.edit, rule, at_end=at_end) if d.edit is not None else d.message
        start, end = d.source or (0, 0)
        end_line, end_col = lines.locate(max(end, start))
        out.append(
            Finding(
                path, d.code, rule.name if rule else "", settings.config.severity_of(d.code, d.severity),
                d.line, d.col, end_line, end_col, message, d,
            )
        )
    return out


def check_bytes(data: bytes, path: str | None, settings: Settings, *, encoding: str | None = None,
                display: str | None = None, fix: bool = False, skip: bool = False) -> Result:
    """Check ``data`` (the bytes of ``path``); with ``fix``, also run the fixed text to a fixed
    point so the written file checks clean; ``skip``: an excluded file, passed through unchecked."""
    shown = display or path or "-"
    decoded = decode(data, encoding=encoding, path=shown)
    if skip or not HAN_CHAR_RE.search(decoded.text):
        # excluded by the configuration (stdin named by --stdin-filename), or not a Chinese page
        # (a requirements.txt or LICENSE.txt that a hook's ``\.txt$`` took in): nothing here is for
        # this tool, and its line joins would wreck such a file. ``fix -`` writes it back as it is.
        page = Page(decoded.text, decoded.text, [], [], [], path)
        return Result(shown, data, decoded, page, settings, [], decoded.text, skipped=True)
    return _check(data, decoded, path, shown, settings, fix)


def _check(data: bytes, decoded: Decoded, path: str | None, shown: str, settings: Settings, fix: bool,
           line_offset: int = 0) -> Result:
    """One run of the pipeline over ``decoded`` (and, with ``fix``, more until it settles)."""
    pipeline = settings.pipeline()
    page = pipeline.run(decoded.text, path=path, line_offset=line_offset)
    result = Result(shown, data, decoded, page, settings, _findings(page, shown, settings), page.text)
    result.remaining = [f for f in result.findings if not f.fixable]
    if fix and page.changed:
        last, codes = page, set[str]()
        while last.changed and result.rounds < MAX_ROUNDS:
            last = pipeline.run(last.text, path=path, line_offset=line_offset)
            if last.changed:
                codes.update(e.code for e in last.edits)
                result.rounds += 1
        result.fixed_text = last.text
        result.unstable = tuple(sorted(codes))
        result.remaining = _findings(last, shown, settings)
    return result


class _Replay:
    """A binary stream that gives ``head`` (bytes already read from ``rest``) back first."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = head, rest

    def read(self, n: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(n)
        if n < 0 or n >= len(self.head):
            out, self.head = self.head, b""
        else:
            out, self.head = self.head[:n], self.head[n:]
        return out


def check_stream(head: bytes, rest: BinaryIO, path: str | None, settings: Settings, *, encoding: str | None = None,
                 display: str | None = None, fix: bool = False, skip: bool = False) -> Iterator[Result]:
    """Check a file too large to hold whole (over :data:`cleaner.io.MAX_WHOLE`; ``head``: its
    first bytes, ``rest``: the stream of the others) a chunk at a time, cut and put together as
    ``cleaner clean`` does a stream (:func:`cleaner.stream.iter_chunks`, :func:`cleaner.stream.
    text_joint`), so memory stays bounded and the fixed file is what ``clean`` writes: one
    :class:`Result` per chunk, its findings placed in the whole file (``part`` counts the chunks,
    ``last`` marks the final one). A chunk's ``fixed_text`` is what is written for it, the blank
    lines that join it to the chunk before included.

    A chunk's ``data`` is its text encoded the way the file is (the first newline style, the
    BOM on the first chunk), not the file's own bytes, which are never held. Such a file is
    always checked (``skip`` aside): a dump this large is no stray ``LICENSE.txt``.
    """
    from . import stream

    shown = display or path or "-"
    info: dict[str, Any] = {}
    pieces = stream.iter_text(cast(BinaryIO, _Replay(head, rest)), encoding=encoding, path=shown, info=info)
    chunks = stream.iter_chunks(pieces, min_chars=stream.CHUNK_MIN, max_chars=stream.CHUNK_MAX)
    bom = head.startswith(BOM_MARKS)
    newline = ""
    prev: Result | None = None
    wrote = False  # some chunk's text has been written
    for part, (line_offset, text) in enumerate(chunks, 1):
        enc = info["encoding"]
        if not newline:  # (from the bytes: iter_text has made every newline ``\n``)
            newline = detect_newline(head[: 1 << 16].decode(enc, "replace"))
        decoded = Decoded(text, enc, newline, bom and part == 1)
        data = encode_like(text, decoded, head, shown)
        if skip:
            res = Result(shown, data, decoded, Page(text, text, [], [], [], path), settings, [], text, skipped=True)
        else:
            res = _check(data, decoded, path, shown, settings, fix, line_offset)
        res.part = part
        out = res.fixed_text
        if wrote and out and not skip:  # (a file passed through is written as it was)
            res.fixed_text = stream.text_joint(out) + out
        wrote = wrote or bool(out)
        if prev is not None:
            _joined(prev, res)
            yield prev
        prev = res
    if prev is not None:
        prev.last = True
        yield prev


#: what lies between two chunks' texts: the blank lines (and form feed) that ``text_joint`` restores
_JOINT = "\n\f"


def _joined(a: Result, b: Result) -> None:
    """Drop the findings that only say two chunks were cleaned apart: each cleaned alone loses the
    blank lines at its end (and ``b`` those at its start), which writing them joined puts back.
    When the text between them is written as it was, the edits there changed nothing."""
    src_a, src_b = a.decoded.text, b.decoded.text
    out_a, out_b = a.fixed_text, b.fixed_text
    tail, lead = len(src_a.rstrip(_JOINT)), len(src_b) - len(src_b.lstrip(_JOINT))
    out_lead = len(out_b) - len(out_b.lstrip(_JOINT))
    if src_a[tail:] + src_b[:lead] != out_a[len(out_a.rstrip(_JOINT)) :] + out_b[:out_lead]:
        return  # (the blank lines between them did change: say so)
    _drop_layout(a, tail, len(src_a))
    _drop_layout(b, 0, lead)


def _drop_layout(res: Result, lo: int, hi: int) -> None:
    """Remove from ``res`` the edits in ``[lo, hi)`` of its text that change newlines and form
    feeds alone."""
    def kept(e: Any) -> bool:
        s = e.source
        return not (s is not None and lo <= s[0] and s[1] <= hi and not e.before.strip(_JOINT) and not e.after.strip(_JOINT))

    res.page.edits[:] = [e for e in res.page.edits if kept(e)]
    res.findings = [f for f in res.findings if f.diagnostic.edit is None or kept(f.diagnostic.edit)]
