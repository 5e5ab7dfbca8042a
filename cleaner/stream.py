"""Streaming: clean text input as it arrives, in memory bounded by the largest chunk.

Bytes are read a block at a time and decoded incrementally: the encoding is decided from the
first block (a BOM, ``--encoding``, valid UTF-8, else detected as :func:`cleaner.source.decode`
does), then a :mod:`codecs` incremental decoder carries on. The text is cut into chunks at safe
boundaries only:

- a form feed at the start of a line (a page break in multi-page dumps): always, so a page is
  cleaned and written as soon as the form feed of the next page arrives;
- else, after at least :data:`CHUNK_MIN` characters, a run of two or more blank lines (between
  articles in blank-line layouts);
- else, after :data:`CHUNK_MAX` characters, a single blank line, or a line opening with an
  ideographic-space indent (a paragraph start in hard-wrapped layouts).

Text with none of these (a single 50 MB line) stays one chunk. Each chunk is cleaned with
``line_offset`` so reported lines are lines of the whole input, and written before more input
is read. Records are numbered per chunk by :func:`record_id`: ``p3-r2`` is the second record of
the third chunk (the third page when pages are separated by form feeds).

>>> list(iter_chunks(["标题\\n\\n正文。\\n\\f第二页\\n"]))
[(0, '标题\\n\\n正文。\\n'), (3, '\\x0c第二页\\n')]
"""
from __future__ import annotations

import codecs
import os
import re
import sys
import threading
from collections.abc import Generator, Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from .errors import CleanerError
from .source import _BOMS, BOM_MARKS, LineIndex, Replaced, _choose, refuse_surrogates, text_codec

#: characters before a run of two or more blank lines may end a chunk (256 K characters, about
#: 0.75 MB of Chinese: many pages' worth; a chunk's cleaning peaks near 150 bytes a character,
#: so this bounds memory: 1M-character chunks took a stream to 180 MB and ran 40 % slower)
CHUNK_MIN = 1 << 18
#: characters before a single blank line or an indented line may end a chunk
CHUNK_MAX = 1 << 20
#: bytes per read; the first read also decides the encoding (as decode() looks at 1 MB)
READ_SIZE = 1 << 20
#: chunks put together into one task for a worker process: about 0.2 MB, a file of a few pages
#: or a tenth of a second of work. Sending it costs well under a millisecond; larger tasks left
#: one worker idle while the other finished the last (on 41 files of 10 MB, 1 << 18 gave --jobs 2
#: 1.72x, 1 << 16 1.8x and more)
BATCH_CHARS = 1 << 16

_PAGE_BREAK = "\n\f"
_BLANK_RUN_RE = re.compile(r"\n\n\n+")
_BLANK_LINE_RE = re.compile(r"\n\n+|\n(?=\u3000)")
_ASCII = bytes(range(128))
#: valid UTF-8 with this many non-ASCII bytes (about 85 Chinese characters) is taken as UTF-8
PROBE_NON_ASCII = 256
#: bytes the encoding detector gets, at least, when the input is not UTF-8
PROBE_DETECT = 1 << 16

#: One unit of work: (path, chunk number from 1, line offset, text, encoding, page breaks before
#: it, the runs of undecodable bytes replaced in it, their offsets in the chunk's text)
Chunk = tuple["str | None", int, int, str, str, int, "tuple[Replaced, ...]"]


def record_id(chunk: int, n: int) -> str:
    """The id of the ``n``-th record (from 1) of chunk (page) number ``chunk`` (from 1) of an input.

    The one place the CLI's record ids are made, so they stay unique across the chunks of a
    stream and the same whether chunks were cleaned in one process or several.
    """
    return f"p{chunk}-r{n}"


# ------------------------------------------------------------------------------ decoding


def _read(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes: what is there now for a pipe (never waits to fill the block), a
    full block for a file."""
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 is not None else stream.read(size)


def _probe(stream: BinaryIO, read_size: int, encoding: str | None) -> bytes:
    """The first block of ``stream``: enough to decide its encoding, without waiting for more.

    A BOM, a given encoding, or :data:`PROBE_NON_ASCII` bytes of valid UTF-8 decide at once
    (a pipe's first page is then cleaned before the writer sends more); text that is not
    UTF-8 is read on to :data:`PROBE_DETECT` bytes or the end for the detector.
    """
    block = bytearray(_read(stream, read_size))
    while block and encoding is None and len(block) < read_size:
        if block.startswith(BOM_MARKS):
            break
        try:
            codecs.getincrementaldecoder("utf-8")().decode(block, final=False)
            if len(block.translate(None, _ASCII)) >= PROBE_NON_ASCII:
                break
        except UnicodeDecodeError:
            if len(block) >= PROBE_DETECT:
                break
        more = _read(stream, read_size - len(block))
        if not more:
            break
        block += more
    return bytes(block)


def _choose_encoding(block: bytes, eof: bool, encoding: str | None, path: str | None, whole: bool = False) -> str:
    """The encoding of a stream whose first bytes are ``block`` (see :func:`cleaner.source.decode`;
    ``whole``: the block is all of it)."""
    for mark, enc in _BOMS:  # a BOM is surer than a guess, and than --encoding
        if block.startswith(mark):
            return enc
    if encoding is None:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(block, final=eof)
        except UnicodeDecodeError:
            return _choose(block)  # damaged UTF-8, else a detected Chinese encoding
        return _choose(block) if whole and len(block) <= 64 else "utf-8"  # (a few GB18030 words may pass as UTF-8)
    return text_codec(encoding, path)


#: what the decoder writes for undecodable bytes until :func:`iter_text` has noted where they
#: are, so a U+FFFD that is in the input is not taken for one: a lone surrogate, which no codec
#: decodes text to (a forced one that did would fail at output anyway)
_MARK = "\ud800"
_found = threading.local()


def _mark(err: UnicodeError) -> tuple[str, int]:
    """Error handler ``cleaner.mark``: notes each undecodable sequence in ``_found.spans`` as
    ``[start, end, count]`` in ``err.object`` (adjacent ones as one run of ``count``)."""
    assert isinstance(err, UnicodeDecodeError)
    spans = _found.spans
    if spans and spans[-1][1] == err.start:
        spans[-1][1] = err.end
        spans[-1][2] += 1
    else:
        spans.append([err.start, err.end, 1])
    _found.data = err.object
    return _MARK, err.end


codecs.register_error("cleaner.mark", _mark)


def iter_text(
    stream: BinaryIO,
    *,
    encoding: str | None = None,
    errors: str = "strict",
    path: str | None = None,
    read_size: int = READ_SIZE,
    info: dict[str, Any] | None = None,
    replaced: list[Replaced] | None = None,
) -> Iterator[str]:
    """Decoded text of ``stream`` piece by piece as it arrives, newlines normalised to ``\\n``.

    Refuses binary input (a NUL byte, unless the text is UTF-16) and undecodable bytes with a
    :class:`CleanerError` naming the byte offset, like :func:`cleaner.source.decode`. The
    chosen encoding is stored in ``info["encoding"]`` when ``info`` is given. With ``errors=
    "replace"``, each run of undecodable bytes becomes U+FFFD and, when ``replaced`` is given, is
    appended to it as :func:`cleaner.source.decode` lists it: its characters in the text yielded,
    put together, its byte offset in the stream and its bytes. A run is listed before the text
    holding it is yielded; the last one grows if the next block goes on with undecodable bytes.
    """
    runs = replaced if errors == "replace" else None
    if runs is not None:
        errors = "cleaner.mark"
    block = _probe(stream, read_size, encoding)
    eof = not block
    enc = _choose_encoding(block, eof, encoding, path, whole=len(block) < read_size)
    if info is not None:
        info["encoding"] = enc
    wide = enc.replace("_", "-").lower().startswith(("utf-16", "utf-32"))
    decoder = codecs.getincrementaldecoder(enc)(errors)
    # ASCII reads the same in every encoding we detect: while all of it so far is ASCII (a long
    # header, a table of figures), the choice waits for the first block that is not
    undecided = encoding is None and enc == "utf-8" and not eof and block.isascii()
    offset = 0  # bytes before ``block``
    newlines = 0  # b"\n" before ``block``, for error messages
    lines = 0  # "\n" in the text yielded so far, for error messages
    chars = 0  # characters yielded so far
    held = ""  # a trailing "\r" that may be the first half of "\r\n"
    first = True
    while True:
        if not wide and b"\x00" in block:
            nul = offset + block.index(b"\x00")
            raise CleanerError(f"binary input (NUL byte at byte offset {nul}); not a text file", path)
        if undecided and not block.isascii():
            undecided = False
            enc = _choose_encoding(block, eof, None, path)
            decoder = codecs.getincrementaldecoder(enc)(errors)
            if info is not None:
                info["encoding"] = enc
        if runs is not None:
            _found.spans = []
        try:
            text = decoder.decode(block, final=eof)
        except UnicodeDecodeError as err:
            # err.object is what the decoder held back from the block before, then this block
            # (at the end of the input: the held bytes alone, ``b'\xe3\x80'`` cut short)
            data = err.object
            start = offset - (len(data) - len(block)) + err.start
            bad = data[err.start : err.end]
            line = newlines + data.count(b"\n", 0, err.start) + 1
            raise CleanerError(
                f"cannot decode as {enc}: bytes {bad!r} at byte offset {start} (use --encoding, or --errors replace)",
                path,
                line,
            ) from None
        if first and text:
            first = False
            if text.startswith("\ufeff"):
                text = text[1:]
        text = held + text
        held = ""
        if text.endswith("\r") and not eof:
            text, held = text[:-1], "\r"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        nul = text.find("\x00")
        if nul != -1:  # UTF-16 zeros (or a forced utf-7) that decode to NUL: binary, as decode() says
            line = lines + text.count("\n", 0, nul) + 1
            raise CleanerError(f"binary input (NUL character as {enc.replace('_', '-')}); not a text file", path, line)
        if runs is not None and _found.spans:
            text = _note_runs(text, chars, offset + len(block), runs)
        refuse_surrogates(text, enc, path, lines)
        lines += text.count("\n")
        chars += len(text)
        if text:
            yield text
        if eof:
            return
        offset += len(block)
        newlines += block.count(b"\n")
        block = _read(stream, read_size)
        eof = not block


def _note_runs(text: str, chars: int, end: int, runs: list[Replaced]) -> str:
    """``text`` with the marks of the runs the decoder just found (``_found``) made U+FFFD, the
    runs appended to ``runs``; ``chars``: characters before ``text``, ``end``: the byte offset
    where the bytes the decoder was given end (its ``err.object``: what it held back, then the
    block). A run that goes on from the last one (cut by the end of a block) joins it."""
    data = _found.data
    i = 0
    for start, stop, count in _found.spans:
        i = text.index(_MARK, i)
        byte = end - len(data) + start
        if runs and runs[-1].byte_offset + len(runs[-1].raw) == byte:
            last = runs[-1]
            runs[-1] = Replaced(last.start, chars + i + count, last.byte_offset, last.raw + data[start:stop])
        else:
            runs.append(Replaced(chars + i, chars + i + count, byte, data[start:stop]))
        i += count
    _found.data = None  # (not the block, held until the next run)
    return text.replace(_MARK, "\ufffd")


# ------------------------------------------------------------------------------ chunking


def iter_chunks(
    pieces: Iterable[str], *, min_chars: int = CHUNK_MIN, max_chars: int = CHUNK_MAX
) -> Iterator[tuple[int, str]]:
    """Cut a stream of text ``pieces`` into ``(line_offset, chunk)`` at safe boundaries (see the
    module docstring). A chunk ends at the first boundary that qualifies, judged on the text
    alone, so the chunks do not depend on how the text arrived; it is yielded as soon as that
    boundary is certain. The chunks put together are the input; at least one is yielded (``""``
    for empty input)."""
    buf = ""
    pos = 0  # start of the current chunk in ``buf``
    resume = [0, 0, 0]  # where the searches for each kind of boundary go on in ``buf``
    line_offset = 0
    yielded = False
    for piece in pieces:
        if pos:  # drop what was yielded, once per piece (not once per chunk: pages are small)
            buf = buf[pos:]
            resume = [max(r - pos, 0) for r in resume]
            pos = 0
        buf += piece
        while True:
            cut = _find_cut(buf, pos, resume, min_chars, max_chars)
            if cut < 0:
                break
            chunk = buf[pos:cut]
            yield line_offset, chunk
            yielded = True
            line_offset += chunk.count("\n")
            pos = cut
            resume = [cut, cut + min_chars, cut + max_chars]
    if pos < len(buf) or not yielded:
        yield line_offset, buf[pos:]


def _find_cut(buf: str, pos: int, resume: list[int], min_chars: int, max_chars: int) -> int:
    """Where the chunk starting at ``pos`` ends, or -1 when that is not certain yet; ``resume``
    (page break, blank-line run, single blank line) is moved past the text already searched.

    A match can only be missed near the end of ``buf`` (the longest fixed part of a pattern is
    three characters), so each search goes on two characters before the old end.
    """
    n = len(buf)
    cuts = []
    i = buf.find(_PAGE_BREAK, resume[0])
    if i != -1:
        cuts.append(i + 1)
    else:
        resume[0] = max(n - 1, pos)
    for k, pattern, least in ((1, _BLANK_RUN_RE, min_chars), (2, _BLANK_LINE_RE, max_chars)):
        start = max(resume[k], pos + least)
        if start >= n:
            continue
        m = pattern.search(buf, start)
        if m is None:
            resume[k] = max(start, n - 2)
        elif m.end() < n:
            cuts.append(m.end())
        else:
            resume[k] = m.start()  # a run of newlines that may go on in the next piece
    return min(cuts) if cuts else -1


# ------------------------------------------------------------------------------ cleaning


def iter_input_chunks(
    paths: Iterable[str | None],
    *,
    encoding: str | None = None,
    errors: str = "strict",
    stdin: BinaryIO | None = None,
    replaced: dict[str, list[int]] | None = None,
) -> Iterator[Chunk]:
    """Every chunk of every input in order; ``None`` (or ``"-"``) is standard input.

    With ``errors="replace"``, each chunk carries the runs of undecodable bytes replaced in it
    (the CLI's UN10 diagnostics), and ``replaced`` gets, for each input that has any, the line of
    each run (as :class:`cleaner.io.Stats` holds them), as its chunks are read.
    """
    for path in paths:
        name = None if path in (None, "-") else path
        if name is None:
            from .io import stdin_binary

            yield from _chunks_of(stdin or stdin_binary(), None, encoding, errors, replaced)
            continue
        if os.path.isdir(name):
            raise CleanerError("is a directory", name)
        try:
            f = open(name, "rb")  # noqa: SIM115 - closed below, after its chunks are consumed
        except FileNotFoundError:
            raise CleanerError("no such file", name) from None
        except OSError as err:
            raise CleanerError(err.strerror or str(err), name) from None
        with f:
            yield from _chunks_of(f, name, encoding, errors, replaced)


def _chunks_of(stream: BinaryIO, path: str | None, encoding: str | None, errors: str,
               replaced: dict[str, list[int]] | None) -> Iterator[Chunk]:
    info: dict[str, Any] = {}
    runs: list[Replaced] = []  # found, not yet given to a chunk
    pieces = iter_text(stream, encoding=encoding, errors=errors, path=path, info=info, replaced=runs)
    breaks = 0  # form feeds before the chunk: its records' page numbers go on from them
    start = 0  # characters before the chunk
    lines: list[int] = []
    for number, (line_offset, text) in enumerate(iter_chunks(pieces), 1):
        # A chunk ends after a newline that has been decoded, so the runs before it are whole
        # (a run holds no newline): they are the chunk's, with offsets in its text
        end = start + len(text)
        k = next((i for i, r in enumerate(runs) if r.start >= end), len(runs))
        here = tuple(Replaced(r.start - start, r.end - start, r.byte_offset, r.raw) for r in runs[:k])
        del runs[:k]
        if here:
            if not lines and replaced is not None:
                replaced[path or "<stdin>"] = lines
            lines += (line_offset + n for n in LineIndex(text).lines(r.start for r in here))
        yield path, number, line_offset, text, info.get("encoding", "utf-8"), breaks, here
        breaks += text.count("\f")
        start = end


def clean_chunk(pipeline: Any, chunk: Chunk, fmt: str) -> str:
    """One chunk cleaned and rendered in ``fmt``, its records numbered by :func:`record_id`."""
    from .formats import render

    path, number, line_offset, text, encoding, breaks, replaced = chunk
    # text output is the clean text alone, JSONL output the records: neither shows edits
    page = pipeline.run(text, path=path, line_offset=line_offset, locate=False, records=fmt != "text")
    page.meta.setdefault("encoding", encoding)
    if replaced and fmt != "text":  # (the clean text alone shows no diagnostics)
        from .io import add_decode_diagnostics

        add_decode_diagnostics(page, replaced, line_offset)
    for n, record in enumerate(page.articles, 1):
        record.id = record_id(number, n)
        if breaks and "page" in record.extra:  # (the segment pass counts the chunk's own form feeds)
            record.extra["page"] += breaks
    return render(page, fmt)


def batches(items: Iterable[Any], chars_of: Any = lambda chunk: len(chunk[3]), size: int = BATCH_CHARS) -> Iterator[list[Any]]:
    """``items`` (chunks, or units with another ``chars_of``) in lists of ``size`` characters or
    more: a few hundred KB of text per message to a worker."""
    batch: list[Any] = []
    chars = 0
    source = iter(items)
    while True:
        try:
            item = next(source)
        except StopIteration:
            break
        except Exception:  # an input that cannot be read: the ones before it are cleaned first
            if batch:
                yield batch
            raise
        batch.append(item)
        chars += chars_of(item)
        if chars >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def clean_chunks(
    chunks: Iterable[Chunk],
    write: Any,
    *,
    fmt: str = "text",
    jobs: int = 1,
    pipeline_spec: Mapping[str, Any] | None = None,
) -> None:
    """Clean ``chunks`` and pass each one's output to ``write`` in input order, as it is ready.

    ``jobs`` > 1 cleans batches of chunks in that many worker processes (:mod:`cleaner.parallel`);
    the output is the same bytes either way. ``pipeline_spec`` holds the keyword arguments of
    :func:`cleaner.api.make_pipeline`.
    """
    wrote = False
    # One chunk at a time in this process, so each page is written as soon as it is read;
    # batches for worker processes, where fewer, larger messages pay.
    groups = batches(chunks) if jobs > 1 else ([c] for c in chunks)
    results = _clean_batches(groups, fmt, jobs, dict(pipeline_spec or {}))
    try:
        for outputs in results:
            for out in outputs:
                if not out:
                    continue
                if wrote and fmt == "text":
                    out = text_joint(out) + out
                write(out)
                wrote = True
    finally:
        results.close()  # stop the workers now, not whenever the generator is collected


def text_joint(out: str) -> str:
    """What goes between a chunk's clean text ``out`` and the text written before it: a blank
    line, or a newline before a page that starts with its form feed (it carries its own
    spacing): the layout cleaning the whole text at once gives."""
    return "\n" if out.startswith("\f") else "\n\n"


def _clean_batches(
    batches: Iterable[list[Chunk]], fmt: str, jobs: int, spec: dict[str, Any]
) -> Generator[list[str], None, None]:  # (a generator: the caller closes it)
    if jobs > 1:
        from .parallel import clean_batches_parallel

        yield from clean_batches_parallel(batches, fmt, jobs, spec)
        return
    from .api import make_pipeline

    pipeline = make_pipeline(**spec)
    for batch in batches:
        yield [clean_chunk(pipeline, c, fmt) for c in batch]


# ------------------------------------------------------------------------------ output


def clean_paths(
    paths: Iterable[str],
    output: str = "-",
    *,
    fmt: str = "text",
    encoding: str | None = None,
    errors: str = "strict",
    jobs: int = 1,
    pipeline_spec: Mapping[str, Any] | None = None,
    write_stdout: Any = None,
    replaced: dict[str, list[int]] | None = None,
) -> None:
    """``cleaner clean``: stream ``paths`` (``"-"`` is stdin) through the pipeline to ``output``
    (``"-"`` is stdout, flushed after every chunk; a file is replaced atomically at the end).
    ``write_stdout`` (bytes -> None) writes to stdout; the CLI's turns a closed or full stdout
    into one error line and a reader that left into a quiet exit. ``replaced``: see
    :func:`iter_input_chunks`."""
    chunks = iter_input_chunks(paths, encoding=encoding, errors=errors, replaced=replaced)
    if output == "-":
        if write_stdout is None:
            def write_stdout(data: bytes) -> None:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()

        clean_chunks(chunks, lambda text: write_stdout(text.encode("utf-8")), fmt=fmt, jobs=jobs,
                     pipeline_spec=pipeline_spec)
        return
    from .io import AtomicOutput

    out = AtomicOutput(output)
    try:
        clean_chunks(chunks, out.write, fmt=fmt, jobs=jobs, pipeline_spec=pipeline_spec)
    except BaseException:
        out.abort()
        raise
    out.commit()
