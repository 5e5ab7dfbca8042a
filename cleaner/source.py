"""Decoding input bytes and locating offsets in the original text.

Newlines are normalised here, once, at decode time (CRLF and CR become LF) rather than by a
pass: line numbers are unchanged by it, so every span still points at the right line of the
user's file, and ``cleaner fix`` writes the file's own newline style back.
"""
from __future__ import annotations

import codecs
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from .errors import CleanerError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with what is needed to write it back the same way."""

    text: str  # newlines normalised to "\n"
    encoding: str
    newline: str  # "\n", "\r\n" or "\r": the first newline style seen
    bom: bool = False


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


def _decode_error(path: str | None, data: bytes, encoding: str, err: UnicodeDecodeError) -> CleanerError:
    line = data.count(b"\n", 0, err.start) + 1
    return CleanerError(
        f"cannot decode as {encoding}: bytes {data[err.start:err.end]!r} at byte offset {err.start}"
        " (use --encoding, or --errors replace)",
        path,
        line,
    )


def decode(data: bytes, *, encoding: str | None = None, errors: str = "strict", path: str | None = None) -> Decoded:
    """Decode ``data``: a BOM wins, then ``encoding`` if given, then UTF-8, then a detected one.

    Detection (GB18030, Big5, …) is delegated to charset-normalizer and only consulted when the
    bytes are not valid UTF-8. NUL bytes mean binary input and are refused.
    """
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and encoding is None:
        nul = data.index(b"\x00")
        raise CleanerError(f"binary input (NUL byte at byte offset {nul}); not a text file", path)
    bom = False
    if encoding is None:
        for mark, enc in _BOMS:
            if data.startswith(mark):
                encoding, bom = enc, True
                break
    candidates = [encoding] if encoding else ["utf-8"]
    last: UnicodeDecodeError | None = None
    for enc in candidates:
        try:
            text = data.decode(enc, errors)
            break
        except LookupError:
            raise CleanerError(f"unknown encoding {enc!r}", path) from None
        except UnicodeDecodeError as err:
            last = err
    else:
        assert last is not None
        if encoding:
            raise _decode_error(path, data, encoding, last)
        guess = _detect(data)
        if guess is None:
            raise _decode_error(path, data, "utf-8", last)
        try:
            text = data.decode(guess, errors)
        except UnicodeDecodeError as err:
            raise _decode_error(path, data, guess, err) from None
        encoding = guess
    if text.startswith("\ufeff"):
        text, bom = text[1:], True
    return Decoded(normalise_newlines(text), encoding or "utf-8", detect_newline(text), bom)


def _detect(data: bytes) -> str | None:
    """The encoding charset-normalizer finds most likely, preferring GB18030 to its subsets."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    if best is None:
        # Detection gives up on short or unusual input; GB18030 is the usual non-UTF-8 encoding
        # of Chinese dumps, and a strict decode of it fails on most bytes that are not.
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return None
        return "gb18030"
    enc = best.encoding.lower().replace("-", "_")
    # GB2312 and GBK are subsets of GB18030: decoding with the superset loses nothing.
    if enc in {"gb2312", "gbk", "gb18030", "hz"}:
        return "gb18030"
    return best.encoding


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
