"""Reading input: files, stdin and JSONL records become :class:`Unit` s to clean, one at a time.

Input ``clean`` takes unit by unit goes through :func:`read_inputs`: a text file read whole is
one unit (``-f json`` or ``markdown``, ``--report-duplicates``); each line of a JSONL file is one
unit whose ``text_field`` is cleaned and whose other fields travel with it to the output.
``check``, ``fix`` and ``explain`` read a whole file with :func:`read_bytes`. ``clean`` of text
to text or JSONL, ``--errors replace`` too, streams instead (:mod:`cleaner.stream`), any size.

Bad input is a :class:`~cleaner.errors.CleanerError` (the CLI prints it and exits 2): a binary
file (a NUL byte, seen in the first megabyte read, so ``cleaner clean < /dev/zero`` stops at
once), bytes that do not decode, a malformed JSONL line (or, with ``skip_bad``, a count in
:class:`Stats`), a JSONL line or a file read whole that is larger than :data:`MAX_WHOLE`.
"""
from __future__ import annotations

import codecs
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO, NamedTuple, TypeGuard

from .errors import CleanerError, shown
from .model import Diagnostic, Page
from .source import _BOMS, Decoded, LineIndex, Replaced, decode, refuse_binary, text_codec

INPUT_FORMATS = ("text", "jsonl")
#: the key a JSONL output line carries the cleaned records under
RECORDS_KEY = "records"
_CHUNK = 1 << 20
#: the most bytes cleaned as one piece: one JSONL line, or a file read whole (by clean with -f
#: json or markdown or --report-duplicates, and check --diff; check, fix and explain go through
#: a larger file a chunk at a time). Cleaning holds some 25 times the bytes (20 MB: a JSONL line
#: 545 MB, check 450 MB, fix 620 MB), so this keeps a run near 4 GB; a page or a record is KB to
#: MB, and ``clean`` to text or JSONL (``--errors replace`` too) streams any size
MAX_WHOLE = 128 << 20


@dataclass(slots=True)
class Unit:
    """One piece of input to clean: a text file, or one record of a JSONL file."""

    path: str | None  # None: stdin
    decoded: Decoded
    record: dict[str, Any] | None = None  # JSONL: the input record
    line: int = 0  # JSONL: the 1-based line of the record
    text_field: str = "text"


@dataclass(slots=True)
class Stats:
    """What happened along the way that the user should hear about on stderr."""

    skipped: dict[str, list[int]] = field(default_factory=dict)  # path -> bad JSONL lines
    replaced: dict[str, list[int]] = field(default_factory=dict)  # path -> lines with U+FFFD

    def bad_line(self, path: str | None, line: int, why: str, skip_bad: bool) -> None:
        """A malformed JSONL line: an error naming it, or with ``skip_bad`` a count."""
        if not skip_bad:
            raise CleanerError(f"malformed JSONL line: {why}", path, line)
        self.skipped.setdefault(path or "<stdin>", []).append(line)

    def messages(self) -> list[str]:
        out = []
        for where, lines in self.skipped.items():
            out.append(f"{shown(where)}: skipped {len(lines)} malformed JSONL line{'s' * (len(lines) != 1)} "
                       f"(first: line {lines[0]})")
        for where, lines in self.replaced.items():
            out.append(f"{shown(where)}: {len(lines)} run{'s' * (len(lines) != 1)} of undecodable bytes replaced "
                       f"by U+FFFD (UN10; first: line {lines[0]})")
        return out


def _wide(encoding: str | None) -> TypeGuard[str]:  # (True: a codec name, not None)
    if not encoding:
        return False
    return encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16", "utf32"))


def read_bytes(path: str | None, *, encoding: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of the file at ``path`` (stdin when None), refusing binary data early.

    A regular file is read in one call; a pipe, a terminal or a device is read a megabyte at a
    time and refused at the first NUL byte (or NUL character, when the input is UTF-16/32), so
    an endless binary stream does not fill the memory first. More than ``limit`` bytes is an
    error, before a file is read and as soon as a stream passes it.
    """
    if path is None:
        return _read_stream(stdin_binary(), None, encoding, limit)
    if os.path.isdir(path):
        raise CleanerError("is a directory", path)
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                return _read_stream(f, path, encoding, limit)
            if limit is not None and st.st_size > limit:
                raise _too_large(path, limit)
            return f.read()
    except FileNotFoundError:
        raise CleanerError("no such file", path) from None
    except OSError as err:
        raise CleanerError(err.strerror or str(err), path) from None


def read_head(path: str | None, *, encoding: str | None = None, limit: int) -> tuple[bytes, BinaryIO | None]:
    """``(data, None)``: the bytes of ``path`` (stdin when None) as :func:`read_bytes` reads them,
    when there are at most ``limit``; else ``(head, rest)``: the first bytes and the open stream
    of the others, for a caller that goes on a piece at a time (and closes ``rest`` unless it is
    stdin)."""
    if path is None:
        data = _read_stream(stdin_binary(), None, encoding, limit, spill=True)
        return (data, stdin_binary()) if len(data) > limit else (data, None)
    if os.path.isdir(path):
        raise CleanerError("is a directory", path)
    try:
        f = open(path, "rb")  # noqa: SIM115 - handed to the caller when it is large
        try:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                data = _read_stream(f, path, encoding, limit, spill=True)
            elif st.st_size > limit:
                data = f.read(_CHUNK)
            else:
                data = f.read()
        except BaseException:
            f.close()
            raise
    except FileNotFoundError:
        raise CleanerError("no such file", path) from None
    except OSError as err:
        raise CleanerError(err.strerror or str(err), path) from None
    if len(data) > limit or (stat.S_ISREG(st.st_mode) and st.st_size > limit):
        return data, f
    f.close()
    return data, None


def _too_large(path: str | None, limit: int) -> CleanerError:
    return CleanerError(f"larger than {limit >> 20} MiB, the most cleaned as one piece (plain `cleaner clean` "
                        "streams text of any size)", path)


def _read_stream(f: BinaryIO, path: str | None, encoding: str | None, limit: int | None, spill: bool = False) -> bytes:
    """What ``f`` holds, refused early if binary; past ``limit`` an error, or (``spill``) the
    bytes read so far (more than ``limit``: the rest is still in ``f``)."""
    chunks: list[bytes] = []
    wide = None  # UTF-16/32: a decoder to find NUL characters (its NUL bytes are text)
    n = 0
    while chunk := f.read(_CHUNK):
        if n == 0:
            codec = _wide_codec(chunk, encoding, path)
            wide = codec and codecs.getincrementaldecoder(codec)("replace")
        if not wide:
            refuse_binary(chunk, path, offset=n)
        elif "\x00" in wide.decode(chunk):
            decode(b"".join(chunks) + chunk, encoding=encoding, path=path)  # raises, naming the line
        chunks.append(chunk)
        n += len(chunk)
        if limit is not None and n > limit:
            if spill:
                break
            raise _too_large(path, limit)
    return b"".join(chunks)


def _wide_codec(first: bytes, encoding: str | None, path: str | None) -> str | None:
    """The UTF-16/32 codec of input that starts with ``first``: by its BOM, else ``encoding``."""
    for mark, codec in _BOMS:
        if first.startswith(mark):
            return codec if _wide(codec) else None
    return text_codec(encoding, path) if _wide(encoding) else None


def read_inputs(
    paths: Iterable[str],
    *,
    input_format: str = "text",
    text_field: str = "text",
    encoding: str | None = None,
    errors: str = "strict",
    skip_bad: bool = False,
    stats: Stats | None = None,
) -> Iterator[Unit]:
    """The units to clean from ``paths`` (``"-"`` is stdin), in order.

    ``input_format="text"``: one unit per file, decoded by :func:`cleaner.source.decode` with
    ``encoding`` and ``errors``. ``"jsonl"``: one unit per non-blank line, read line by line;
    a line that is not a JSON object with a string ``text_field`` is an error naming the line, or
    with ``skip_bad`` is skipped and counted in ``stats.skipped``.
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}")
    stats = stats if stats is not None else Stats()
    for p in paths or ("-",):
        path = None if p == "-" else p
        if input_format == "jsonl":
            yield from _jsonl_units(path, text_field, encoding, skip_bad, stats)
            continue
        decoded = decode(read_bytes(path, encoding=encoding, limit=MAX_WHOLE), encoding=encoding, errors=errors, path=path)
        if decoded.replaced:
            stats.replaced[path or "<stdin>"] = _lines(decoded.text, decoded.replaced)
        yield Unit(path, decoded)


def _lines(text: str, replaced: tuple[Replaced, ...]) -> list[int]:
    index = LineIndex(text)
    return [index.line(r.start) for r in replaced]


def _jsonl_units(path: str | None, field_name: str, encoding: str | None, skip_bad: bool, stats: Stats) -> Iterator[Unit]:
    for n, raw in jsonl_lines(path):
        try:
            record, text = _parse_line(raw, field_name, encoding)
        except ValueError as err:
            stats.bad_line(path, n, str(err), skip_bad)
            continue
        yield Unit(path, Decoded(text, "utf-8", "\n"), record, n, field_name)


def jsonl_lines(path: str | None) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a JSONL file (``None``: stdin) with their 1-based numbers, a BOM
    on the first dropped; the file's own errors as :class:`CleanerError`."""
    if path is not None and os.path.isdir(path):
        raise CleanerError("is a directory", path)
    try:
        f = stdin_binary() if path is None else open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise CleanerError("no such file", path) from None
    except OSError as err:
        raise CleanerError(err.strerror or str(err), path) from None
    try:
        n = offset = 0
        while raw := _line(f, path, n + 1, offset):
            n += 1
            offset += len(raw)
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if raw.strip():  # blank lines carry nothing
                yield n, raw
    except OSError as err:
        raise CleanerError(err.strerror or str(err), path) from None
    finally:
        if path is not None:
            f.close()


def _line(f: BinaryIO, path: str | None, n: int, offset: int) -> bytes:
    """Line ``n`` of ``f`` (``b""`` at the end), which starts at byte ``offset``, read a megabyte at
    a time: a NUL byte (binary input) or more than :data:`MAX_WHOLE` bytes is an error before the
    rest is read, so an endless stream without a newline does not fill the memory."""
    parts: list[bytes] = []
    size = 0
    while part := f.readline(_CHUNK):
        nul = part.find(b"\x00")
        if nul != -1:
            raise CleanerError(f"binary input (NUL byte at byte offset {offset + size + nul}); not a text file", path, n)
        parts.append(part)
        size += len(part)
        if part.endswith(b"\n"):
            break
        if size > MAX_WHOLE:
            raise CleanerError(f"JSONL line longer than {MAX_WHOLE >> 20} MiB, the most cleaned as one piece", path, n)
    return b"".join(parts)


class RawLine(NamedTuple):
    """A JSONL line not parsed yet: a ``--jobs`` worker parses it (:func:`process_line`)."""

    path: str | None
    line: int
    raw: bytes
    field: str
    encoding: str | None


def process_line(item: RawLine, fmt: str, options: dict[str, Any], report_duplicates: bool) -> tuple[str, bool, list[str], str | None]:
    """:func:`process_unit` of a JSONL line parsed here, plus why it is malformed (then nothing else)."""
    try:
        record, text = _parse_line(item.raw, item.field, item.encoding)
    except ValueError as err:
        return "", False, [], str(err)
    unit = Unit(item.path, Decoded(text, "utf-8", "\n"), record, item.line, item.field)
    return (*process_unit(unit, fmt, options, report_duplicates), None)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {literal[:20]} is out of range")
    return value


def loads_json(line: str) -> Any:
    """``json.loads`` of one JSONL line, strict: ``NaN``, ``Infinity`` and numbers out of a
    double's range are errors (ValueError), because written back they would be no JSON at all."""
    return json.loads(line, parse_constant=_no_constant, parse_float=_finite)


def _parse_line(raw: bytes, field_name: str, encoding: str | None) -> tuple[dict[str, Any], str]:
    """The record on one JSONL line and its text (newlines normalised); ValueError says why not."""
    raw = raw.rstrip(b"\r\n")
    try:
        line = raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"bytes {raw[err.start:err.end]!r} do not decode as {encoding or 'utf-8'}") from None
    try:
        record = loads_json(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"{err.msg} (column {err.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(record, dict):
        raise ValueError(f"a JSON {type(record).__name__}, not an object")
    text = record.get(field_name)
    if not isinstance(text, str):
        raise ValueError(f"no string field {field_name!r}")
    if RECORDS_KEY in record:
        raise ValueError(f"field {RECORDS_KEY!r} is where cleaner puts its output")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"field {field_name!r} holds a lone surrogate (not Unicode text)") from None
    if "\x00" in text:
        raise ValueError(f"field {field_name!r} holds a NUL character (binary data)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return record, text


def clean_unit(unit: Unit, **kwargs: Any) -> Page:
    """Clean one unit (see :func:`cleaner.clean` for ``kwargs``) and report its replaced bytes."""
    from .api import clean

    page = clean(unit.decoded.text, path=unit.path, **kwargs)
    page.meta.setdefault("encoding", unit.decoded.encoding)
    if unit.decoded.replaced:
        add_decode_diagnostics(page, unit.decoded.replaced)
    return page


def add_decode_diagnostics(page: Page, replaced: tuple[Replaced, ...], line_offset: int = 0) -> None:
    """One UN10 diagnostic per run of undecodable bytes, on the page and on the record holding it
    (``line_offset``: lines before the page's text, for a chunk of a stream).

    The U+FFFD stays in the text (nothing is lost silently), so cleaning the output again is
    quiet: the diagnostic belongs to the decoding, not to the text.
    """
    index = LineIndex(page.source_text)
    found = []
    for r in replaced:
        line, col = index.locate(r.start)
        found.append(Diagnostic(
            "UN10", f"undecodable bytes {r.raw!r} at byte offset {r.byte_offset} replaced by U+FFFD",
            r.start, r.end, "error", None, "decode", (r.start, r.end), line + line_offset, col,
        ))
    page.diagnostics = sorted(page.diagnostics + found, key=lambda d: (d.line, d.col, d.code))
    for d in found:
        for a in page.articles:
            if a.lines[0] <= d.line <= a.lines[1]:
                a.diagnostics.append(d)
                break


def process_unit(unit: Unit, fmt: str, options: dict[str, Any], report_duplicates: bool) -> tuple[str, bool, list[str]]:
    """Clean and render one unit: its output, whether its text is non-empty, and (with
    ``report_duplicates``) its DU findings as ``path:line:col: CODE message`` lines.

    The same work in this process and in a ``--jobs`` worker (:func:`cleaner.parallel.process_units_parallel`).
    """
    page = clean_unit(unit, options=options)
    notes = []
    if report_duplicates:
        for d in sorted(page.diagnostics, key=lambda d: (d.line, d.col)):
            if d.code.startswith("DU"):
                notes.append(f"{shown(unit.path or '<stdin>')}:{d.line}:{d.col}: {d.code} {d.message}")
    return render_unit(unit, page, fmt), bool(page.text), notes


def render_unit(unit: Unit, page: Page, fmt: str) -> str:
    """``page`` in format ``fmt``; a JSONL record keeps its other fields and gains ``records``."""
    from .formats import render

    if unit.record is None or fmt == "text":
        return render(page, fmt)
    out = dict(unit.record)
    out[unit.text_field] = page.text
    out[RECORDS_KEY] = [a.to_dict() for a in page.articles]
    try:
        line = json.dumps(out, ensure_ascii=False)
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in another field: keep it, escaped
        line = json.dumps(out)
    return line + "\n"


def stdin_binary() -> BinaryIO:
    """Standard input as bytes; a :class:`CleanerError` when there is none (``cleaner clean <&-``)."""
    if sys.stdin is None:
        raise CleanerError("standard input is closed", None)
    return sys.stdin.buffer


def _umask() -> int:
    mask = os.umask(0)  # (the only way to read it is to set it)
    os.umask(mask)
    return mask


class AtomicOutput:
    """A file written through a temporary file beside it and renamed into place on
    :meth:`commit`, so a reader never sees half a file; streamed, so memory does not grow with
    the output. The file's mode is kept, and a symlink keeps pointing at the replaced target.
    Any failure removes the temporary file and leaves the original untouched; OS errors become a
    :class:`CleanerError` (exit 2).
    """

    def __init__(self, path: str) -> None:
        self.tmp: str | None = None
        if not path:  # (``-o ''`` from an unset variable: the temporary file went to the working folder)
            raise CleanerError("no file name given", "-o")
        try:
            st = os.stat(path)
        except OSError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            # a device, a pipe or a socket (``-o /dev/null``, ``-o /dev/stdout``, ``-o >(gzip)``):
            # written in place; renaming a file over it would replace the device itself
            self.path = path
            try:
                self.file: IO[bytes] = open(path, "wb")
            except OSError as err:
                raise CleanerError(f"cannot write: {err.strerror or err}", path) from None
            return
        self.path = path = os.path.realpath(path)
        # a new file gets the mode any other would (0644 under umask 022), not mkstemp's 0600
        self.mode: int = st.st_mode & 0o7777 if st is not None else 0o666 & ~_umask()
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=".cleaner-", dir=os.path.dirname(path))
        except OSError as err:
            raise CleanerError(f"cannot write: {err.strerror or err}", path) from None
        self.file = os.fdopen(fd, "wb")

    def write(self, data: str | bytes) -> None:
        try:
            self.file.write(data.encode("utf-8") if isinstance(data, str) else data)
        except OSError as err:
            self.abort()
            raise CleanerError(f"cannot write: {err.strerror or err}", self.path) from None

    def commit(self, expect: bytes | None = None) -> None:
        """Put the written file in place. With ``expect`` (what the target held when it was
        read), a target that no longer holds it is left alone and the write is a
        :class:`CleanerError`: replacing it would drop what was written to it meanwhile (a line
        appended during ``cleaner fix``). The check sits just before the rename, where the
        window it leaves is smallest."""
        try:
            self.file.flush()
            if self.tmp is None:  # written in place
                self.file.close()
                return
            os.fsync(self.file.fileno())
            self.file.close()
            if expect is not None and _read_or_none(self.path) != expect:
                self.abort()
                raise CleanerError("changed while it was being fixed; left as it is (run again)", self.path)
            os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.path)
        except OSError as err:
            self.abort()
            raise CleanerError(f"cannot write: {err.strerror or err}", self.path) from None

    def abort(self) -> None:
        try:
            self.file.close()
        except OSError:
            pass
        if self.tmp is None:
            return
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _read_or_none(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def write_atomic(path: str, data: bytes, expect: bytes | None = None) -> None:
    """Write ``data`` to ``path`` atomically (see :class:`AtomicOutput`; ``expect``: see
    :meth:`AtomicOutput.commit`)."""
    out = AtomicOutput(path)
    try:
        out.write(data)
    except BaseException:
        out.abort()
        raise
    try:
        out.commit(expect)
    except BaseException:
        out.abort()
        raise
