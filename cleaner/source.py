"""Decoding input bytes and locating offsets in the original text.

Newlines are normalised here, once, at decode time (CRLF and CR become LF) rather than by a
pass: line numbers are unchanged by it, so every span still points at the right line of the
user's file, and ``cleaner fix`` writes the file's own newline style back.
"""
from __future__ import annotations

import codecs
import re
import threading
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from .errors import CleanerError
from .model import Rule

#: Rules reported by decoding rather than by a pass (listed by :func:`cleaner.registry.all_rules`).
RULES = (
    Rule("UN10", "unicode.undecodable", "undecodable bytes replaced by U+FFFD (--errors replace)", False, "error"),
)

#: BOMs, longest first (UTF-32 LE starts with the UTF-16 LE mark), and the codec for what follows.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: the byte-order marks, for a quick test of a file's first bytes
BOM_MARKS = tuple(mark for mark, _ in _BOMS)
#: encodings charset-normalizer reports that are subsets of GB18030: decoding with it loses nothing
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
#: the encodings detection tries first
_CHINESE = ["gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950"]
#: damaged UTF-8 (a few bad bytes in otherwise valid UTF-8) is reported, not re-detected: more
#: than this many well-formed non-ASCII characters per bad sequence means the file is UTF-8
_UTF8_GOOD_PER_BAD = 8
#: only this much of a file is given to the detector
_DETECT_BYTES = 1 << 20
_NON_ASCII_RE = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True, slots=True)
class Replaced:
    """Undecodable bytes ``raw`` at ``byte_offset``, replaced by U+FFFD at ``text[start:end]``."""

    start: int
    end: int
    byte_offset: int
    raw: bytes


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with what is needed to write it back the same way."""

    text: str  # newlines normalised to "\n"
    encoding: str
    newline: str  # "\n", "\r\n" or "\r": the first newline style seen
    bom: bool = False
    #: with ``errors="replace"``: every run of undecodable bytes, in order
    replaced: tuple[Replaced, ...] = ()


def detect_newline(text: str) -> str:
    i = text.find("\n")
    j = text.find("\r")
    if j == -1:
        return "\n"
    if i == -1 or j < i:
        return "\r\n" if text.startswith("\r\n", j) else "\r"
    return "\n"


def normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def refuse_binary(data: bytes, path: str | None = None, *, offset: int = 0) -> None:
    """Raise if ``data`` (a file's bytes from ``offset`` on) holds a NUL byte: binary, not text."""
    nul = data.find(b"\x00")
    if nul != -1:
        raise CleanerError(f"binary input (NUL byte at byte offset {offset + nul}); not a text file", path)


def _line_at(data: bytes, offset: int, codec: str) -> int:
    """The 1-based line of byte ``offset`` (CR, LF and CRLF all end a line)."""
    before = data[:offset].decode(codec, "replace")
    return normalise_newlines(before).count("\n") + 1


def _decode_error(path: str | None, data: bytes, codec: str, err: UnicodeDecodeError, skip: int) -> CleanerError:
    return CleanerError(
        f"cannot decode as {codec}: bytes {data[err.start:err.end]!r} at byte offset {skip + err.start}"
        " (use --encoding, or --errors replace)",
        path,
        _line_at(data, err.start, codec),
    )


def decode(data: bytes, *, encoding: str | None = None, errors: str = "strict", path: str | None = None) -> Decoded:
    r"""Decode ``data``: a BOM wins, then ``encoding`` if given, then UTF-8, then a detected one.

    Detection (GB18030, Big5, …) is delegated to charset-normalizer and only consulted when the
    bytes are not valid UTF-8 (and are not merely damaged UTF-8). NUL bytes mean binary input and
    are refused, unless a BOM or ``encoding`` says the file is UTF-16/32. ``errors`` is
    ``"strict"`` (an undecodable byte is a :class:`CleanerError` naming its byte offset and line)
    or ``"replace"`` (each run of undecodable bytes becomes U+FFFD and is listed in ``replaced``).

    >>> d = decode("标题\r\n正文".encode("gb18030"))
    >>> d.text, d.encoding, d.newline
    ('标题\n正文', 'gb18030', '\r\n')
    >>> decode(b"ok \xff\xfe ok", errors="replace").replaced[0].raw
    b'\xff\xfe'
    """
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
    skip, bom = 0, False
    for mark, codec in _BOMS:
        if data.startswith(mark):
            skip, bom = len(mark), True
            body = data[skip:]
            break
    else:
        codec, body = encoding or "", data
    if encoding and not bom:
        codec = _name(text_codec(encoding, path))
    if not codec.startswith(("utf-16", "utf-32")):
        refuse_binary(data, path)
    if not codec:
        codec = _choose(body)
    if errors == "replace":
        text, replaced = _decode_replacing(body, codec, skip)
    else:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as err:
            raise _decode_error(path, body, codec, err, skip) from None
        replaced = ()
    nul = text.find("\x00")
    if nul != -1:  # a forced encoding (latin-1 reads any bytes) let binary data through
        line = normalise_newlines(text[:nul]).count("\n") + 1
        raise CleanerError(f"binary input (NUL character as {_name(codec)}); not a text file", path, line)
    refuse_surrogates(text, codec, path)
    if text.startswith("\ufeff"):  # a BOM the codec left in (a forced utf-8 on a file with one)
        text, bom = text[1:], True
        replaced = tuple(Replaced(r.start - 1, r.end - 1, r.byte_offset, r.raw) for r in replaced)
    newline = detect_newline(text)
    if replaced and "\r\n" in text:
        replaced = _shift_for_crlf(text, replaced)
    return Decoded(normalise_newlines(text), _name(codec), newline, bom, replaced)


def encode(text: str, like: Decoded) -> bytes:
    r"""``text`` (LF newlines) as bytes the way ``like`` was read: its encoding, BOM and newlines.

    This is what ``cleaner fix`` writes back, so a GB18030 file stays GB18030 and a CRLF file CRLF.

    >>> d = decode(codecs.BOM_UTF16_LE + "标题\r\n".encode("utf-16-le"))
    >>> encode(d.text, d) == codecs.BOM_UTF16_LE + "标题\r\n".encode("utf-16-le")
    True
    """
    if like.newline != "\n":
        text = text.replace("\n", like.newline)
    if like.bom and like.encoding not in ("utf-16", "utf-32"):  # those two codecs write their own
        text = "\ufeff" + text
    return text.encode(like.encoding)


def text_codec(encoding: str, path: str | None) -> str:
    """The codec named ``encoding`` for bytes without a BOM, if it is one that decodes bytes to
    text (not ``rot13``, ``base64`` or ``zlib``); a :class:`CleanerError` otherwise.

    ``utf-16`` and ``utf-32`` name no byte order; without a BOM they are read little-endian, as
    Windows writes them (``utf-16-be`` says otherwise), on every path: Python's own codecs
    either refuse such a stream or follow the machine's order."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise CleanerError(f"unknown encoding {encoding!r}", path) from None
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        raise CleanerError(f"{encoding!r} is not a text encoding", path)
    if info.name in ("utf-16", "utf-32"):
        return info.name + "-le"
    return info.name


#: the codecs cleaner detects, which decode bytes to no lone surrogate (a forced other one may:
#: ``unicode_escape`` reads ``\\ud800``, and such text cannot be written out)
_NO_SURROGATES = frozenset({"utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "ascii", "latin-1",
                            "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def refuse_surrogates(text: str, codec: str, path: str | None, lines_before: int = 0) -> None:
    """A :class:`CleanerError` if ``codec`` (not one of the detected ones) decoded to a lone
    surrogate in ``text``; ``lines_before``: the lines before ``text`` in the input."""
    if _name(codec) in _NO_SURROGATES:
        return
    m = _SURROGATE_RE.search(text)
    if m:
        line = lines_before + normalise_newlines(text[: m.start()]).count("\n") + 1
        raise CleanerError(f"cannot decode as {_name(codec)}: it gives a lone surrogate (U+{ord(m.group()):04X}), "
                           "which is not text", path, line)


def _name(codec: str) -> str:
    """A codec's usual spelling (``utf-8``, ``gb18030``, ``big5``)."""
    return codecs.lookup(codec).name.replace("_", "-")


def _choose(body: bytes) -> str:
    """The codec for ``body`` without a BOM or a forced encoding: UTF-8 if it decodes (or is UTF-8
    with a few damaged bytes), else what charset-normalizer detects."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _gb_in_disguise(text, body):
            return "utf-8"
        return "gb18030"
    sample = body[:_DETECT_BYTES]
    as_utf8 = sample.decode("utf-8", "replace")
    bad = as_utf8.count("\ufffd")
    good = len(as_utf8) - len(as_utf8.encode("ascii", "ignore")) - bad
    if good > _UTF8_GOOD_PER_BAD * bad:
        return "utf-8"  # damaged UTF-8: the strict decode names the bad bytes
    return _detect(body) or "utf-8"


def _gb_in_disguise(text: str, body: bytes) -> bool:
    """A few GB18030 words whose bytes happen to be valid UTF-8 (``图片`` reads as ``ͼƬ``): the
    UTF-8 reading has no CJK, ASCII letter or European accent, only odd letters of other
    scripts, and the GB18030 reading is common Chinese words."""
    if len(body) > 64 or not any("\u0080" <= c < "\u0800" for c in text):
        return False
    if any(c >= "\u0800" or "\u00c0" <= c <= "\u017f" or c.isascii() and c.isalpha() for c in text):
        return False
    return _common_share(body, "gb18030") >= 0.5


def _detect(data: bytes) -> str | None:
    """The Chinese encoding charset-normalizer finds most likely (GB18030 for any of its subsets).

    Newspaper dumps that are not UTF-8 are GB18030 (or its subsets GBK, GB2312) or Big5, and on a
    few lines of Chinese an open guess is often Korean or a Cyrillic code page; so detection
    chooses among the Chinese encodings only. Anything else (Latin-1, Shift-JIS, UTF-16 without a
    BOM) is an error that suggests ``--encoding``: a wrong guess would be mojibake, silently.
    """
    from charset_normalizer import from_bytes

    # from the line of the first byte that is not ASCII: a long ASCII head (a header, a table
    # of figures) says nothing, and a sample of it alone came out as Big5
    first = _NON_ASCII_RE.search(data)
    start = data.rfind(b"\n", 0, first.start()) + 1 if first else 0
    sample = data[start : start + _DETECT_BYTES]
    best = from_bytes(sample, cp_isolation=_CHINESE).best()
    if best is not None:
        if best.encoding.lower().replace("-", "_") in _GB_FAMILY:
            return "gb18030"
        if _common_share(sample, "gb18030") > _common_share(sample, best.encoding):
            return "gb18030"  # a few words of GB18030 that also decode as Big5 (北京 → 控儔)
        return best.encoding
    # Detection gives up on short or unusual input (a zero-width space is a 4-byte GB18030
    # sequence that unsettles it); a strict decode of GB18030 fails on most bytes that are not.
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        # a GB18030 page with a few damaged bytes (detection refuses any codec that fails):
        # read as GB18030, the error then names the damage, not the first Chinese character
        text = sample.decode("gb18030", "replace")
        bad = text.count("\ufffd")
        if bad * _GB_GOOD_PER_BAD < len(text) and _common_share(sample, "gb18030", "replace") >= 0.5:
            return "gb18030"
        return None
    return "gb18030"


#: a GB18030 sample that fails to decode is still GB18030 with at most one bad character in this many
_GB_GOOD_PER_BAD = 50


def _common_share(data: bytes, codec: str, errors: str = "strict") -> float:
    """The share of the Han characters ``data`` decodes to (in ``codec``, strictly) that are among
    the 3,755 commonest (GB2312 level 1, after ``t2s``): the right one of two Chinese codecs that
    both decode a short text gives common words, the wrong one rare characters."""
    try:
        text = data.decode(codec, errors)
    except (UnicodeDecodeError, LookupError):
        return -1.0
    from .passes.convert import converter

    han = [c for c in converter("t2s").convert(text) if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for c in han:
        try:
            common += 0xB0 <= c.encode("gb2312")[0] <= 0xD7
        except UnicodeEncodeError:
            pass
    return common / len(han)


_spans = threading.local()


def _record(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    _spans.list.append((err.start, err.end))
    return "\ufffd", err.end


codecs.register_error("cleaner.record", _record)


def _decode_replacing(body: bytes, codec: str, skip: int) -> tuple[str, tuple[Replaced, ...]]:
    """Decode with every undecodable byte sequence replaced by U+FFFD; adjacent ones form one run."""
    spans: list[tuple[int, int]] = []
    _spans.list = spans
    try:
        text = body.decode(codec, "cleaner.record")
    finally:
        _spans.list = []
    if not spans:
        return text, ()
    runs: list[list[int]] = []  # [byte start, byte end, char start, char end]
    chars = prev = 0
    for s, e in spans:
        chars += len(body[prev:s].decode(codec, "replace"))  # the clean bytes between two runs
        if runs and runs[-1][1] == s:
            runs[-1][1], runs[-1][3] = e, chars + 1
        else:
            runs.append([s, e, chars, chars + 1])
        chars += 1
        prev = e
    return text, tuple(Replaced(cs, ce, skip + s, body[s:e]) for s, e, cs, ce in runs)


def _shift_for_crlf(text: str, replaced: tuple[Replaced, ...]) -> tuple[Replaced, ...]:
    """Char offsets after CRLF became LF: each CRLF before a span moves it one to the left."""
    out, pos, n = [], 0, 0
    for r in replaced:
        n += text.count("\r\n", pos, r.start)
        pos = r.start
        out.append(Replaced(r.start - n, r.end - n, r.byte_offset, r.raw))
    return tuple(out)


class LineIndex:
    """Maps character offsets in a text to 1-based (line, column)."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        # Line k+1 starts one past the end of line k: a running sum, done in C.
        starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))
        starts.pop()
        self.starts = starts

    def locate(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def lines(self, offsets: Iterable[int]) -> list[int]:
        """:meth:`line` of each of ``offsets``."""
        starts = self.starts
        return [bisect_right(starts, o) for o in offsets]
