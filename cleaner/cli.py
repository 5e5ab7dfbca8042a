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
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per core); the output is the same for any number.")
def clean(paths: tuple[str, ...], fmt: str, output: str, encoding: str | None, jobs: int) -> None:
    """Clean PATHS (or stdin) and print the result.

    Text is streamed: read, cleaned and written page by page (form feeds) or in chunks of about
    a megabyte cut at blank lines, so memory does not grow with the input.
    """
    from .errors import CleanerError
    from .stream import clean_paths

    try:
        clean_paths(paths or ("-",), output, fmt=fmt, encoding=encoding, jobs=jobs or os.cpu_count() or 1)
    except CleanerError as err:
        _fail(str(err))


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
