"""The ``cleaner`` command: a thin layer over :mod:`cleaner.api`.

stdout carries data only (cleaned text, records); messages go to stderr. Exit codes follow
ruff and black: 0 success, 1 findings (``check``), 2 bad input or usage.
"""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

CLEAN_EPILOG = """\b
Examples:
  cleaner clean page.txt                      clean text to stdout
  cat page.txt | cleaner clean > clean.txt    as a filter
  cleaner clean --format jsonl a.txt b.txt    one JSON record per article
  cleaner clean -o out.txt page.txt           write to a file (atomically)
"""


def _fail(message: str) -> None:
    click.echo(f"cleaner: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _inputs(paths: tuple[str, ...]) -> Iterator[tuple[str | None, bytes]]:
    from .api import read_bytes

    for p in paths or ("-",):
        if p == "-":
            yield None, sys.stdin.buffer.read()
        else:
            yield p, read_bytes(p)


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``,
    so a reader never sees half a file; the file's mode is kept when it exists."""
    from .errors import CleanerError

    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".cleaner-", dir=folder)
    except OSError as err:
        raise CleanerError(f"cannot write: {err.strerror}", path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise CleanerError(f"cannot write: {err.strerror}", path) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def cli() -> None:
    """Clean OCR dumps of Chinese newspaper pages into structured text."""


@cli.command(epilog=CLEAN_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, dir_okay=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write here instead of stdout.")
@click.option("--encoding", default=None, help="Input encoding (default: BOM, UTF-8, else detected).")
def clean(paths: tuple[str, ...], fmt: str, output: str, encoding: str | None) -> None:
    """Clean PATHS (or stdin) and print the result."""
    from .api import clean_bytes
    from .errors import CleanerError
    from .formats import render, separator

    chunks: list[str] = []
    to_stdout = output == "-"
    try:
        for i, (path, data) in enumerate(_inputs(paths)):
            page = clean_bytes(data, encoding=encoding, path=path)
            out = (separator(fmt) if i and page.text else "") + render(page, fmt)
            if to_stdout:
                sys.stdout.write(out)
                sys.stdout.flush()
            else:
                chunks.append(out)
        if not to_stdout:
            write_atomic(output, "".join(chunks).encode("utf-8"))
    except CleanerError as err:
        _fail(str(err))


# --- dedup: reprints across a corpus (cleaner.corpus; needs the `corpus` extra) -------------
DEDUP_EPILOG = """\b
Examples:
  cleaner clean --format jsonl pages/*.txt > a.jsonl && cleaner dedup a.jsonl --report
  cleaner dedup pages/*.txt --keep longest > unique.jsonl   raw pages are cleaned first
  cleaner dedup a.jsonl --engine dask --scheduler tcp://scheduler:8786
  (--engine dask without --scheduler: Dask's local process pool)
"""


@cli.command(epilog=DEDUP_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, dir_okay=True))
@click.option("--keep", type=click.Choice(["first", "longest"]), default=None,
              help="Write only one record per cluster: the first, or the longest.")
@click.option("--report", is_flag=True, help="Print cluster statistics to stderr.")
@click.option("--ngram", type=click.IntRange(1), default=5, show_default=True, help="Characters per shingle.")
@click.option("--bands", type=click.IntRange(1), default=64, show_default=True, help="LSH bands.")
@click.option("--rows", type=click.IntRange(1), default=3, show_default=True, help="MinHash values per band.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.75, show_default=True,
              help="Similarity of whole texts that makes a duplicate.")
@click.option("--containment", type=click.FloatRange(0, 1), default=0.75, show_default=True,
              help="Share of a shorter text found in a longer one that makes a (partial) duplicate.")
@click.option("--min-chars", type=click.IntRange(0), default=50, show_default=True,
              help="Shorter texts match only as whole copies (--short-threshold).")
@click.option("--short-threshold", type=click.FloatRange(0, 1), default=0.9, show_default=True,
              help="Similarity a text under --min-chars needs (and the same numbers).")
@click.option("--prefilter", type=click.FloatRange(0, 1), default=0.3, show_default=True,
              help="Skip LSH candidates whose signatures estimate less n-gram containment.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: signatures and buckets on a Dask cluster (cleaner[dask]).")
@click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask).")
@click.option("--workers", type=click.IntRange(1), default=None, help="Local processes (default: all cores).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-")
@click.option("--encoding", default=None, help="Encoding of raw pages.")
def dedup(paths, keep, report, ngram, bands, rows, threshold, containment, min_chars, short_threshold,
          prefilter, engine, scheduler, workers, output, encoding) -> None:
    """Find reprints among article records (JSONL from `cleaner clean -f jsonl`, or raw pages).

    Writes every record as JSONL with cluster_id, duplicate_of (the kept record's id),
    similarity and containment; with --keep, one record per cluster. MinHash over character
    n-grams proposes pairs, rapidfuzz verifies them, union-find makes the clusters.
    """
    import json

    from .errors import CleanerError

    try:
        from .corpus import Params, Thresholds, dedup_records
        from .corpus.records import read_records, report as stats
    except ImportError as err:
        _fail(str(err))
    try:
        records = [r for path, data in _inputs(paths) for r in read_records(data, path, encoding)]
        out, result = dedup_records(
            records, Params(ngram=ngram, bands=bands, rows=rows, prefilter=prefilter),
            Thresholds(threshold, containment, min_chars, short_threshold, ngram),
            keep=keep, engine=engine, workers=workers, scheduler=scheduler,
        )
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out)
        if output == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_atomic(output, text.encode("utf-8"))
    except CleanerError as err:
        _fail(str(err))
    except ImportError as err:
        _fail(str(err))
    if report:
        click.echo(stats(result, len(records)), err=True, nl=False)


def main() -> None:
    """Entry point: run the CLI, turning a closed pipe or Ctrl-C into a quiet exit."""
    try:
        cli.main(prog_name="cleaner", standalone_mode=True)
    except BrokenPipeError:
        # `cleaner clean big.txt | head -1`: the reader left; stay quiet like other filters.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep the interpreter from flushing into the pipe
        finally:
            os._exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
