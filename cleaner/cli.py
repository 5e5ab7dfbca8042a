"""The ``cleaner`` command: a thin layer over :mod:`cleaner.api`.

stdout carries data only (cleaned text, records); messages go to stderr. Exit codes follow
ruff and black: 0 success, 1 findings (``check``), 2 bad input or usage (or a bug, said in one line).
"""
from __future__ import annotations

import errno
import io
import os
import signal
import sys
from typing import Any

import click
from click.core import ParameterSource

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

CLEAN_EPILOG = """\b
Examples:
  cleaner clean page.txt                      clean text to stdout
  cat page.txt | cleaner clean > clean.txt    as a filter
  cleaner clean --format jsonl a.txt b.txt    one JSON record per article
  cleaner clean --format json page.txt        one object: page metadata and records
  cleaner clean -o out.txt page.txt           write to a file (atomically)
  cleaner clean --input-format jsonl --text-field body -f jsonl docs.jsonl
                                              clean one field of each JSON line
"""


def _fail(message: str) -> None:
    click.echo(f"cleaner: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _write_stdout(data: bytes) -> None:
    """Write to stdout; a closed or full stdout is one error line (exit 2), a reader leaving is
    :class:`ReaderLeft`."""
    from .errors import CleanerError

    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, AttributeError, ValueError) as err:  # `>&-` leaves sys.stdout None
        _drop_stdout()
        raise CleanerError(f"cannot write: {getattr(err, 'strerror', None) or 'stdout is closed'}", "<stdout>") from None


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so what is still buffered is not flushed into a broken stream at
    exit (Python would print "Exception ignored ...")."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class ReaderLeft(Exception):
    """stdout was closed by its reader (``cleaner clean big.txt | head -1``): stop quietly."""


def write_atomic(path: str, data: bytes, expect: bytes | None = None) -> None:
    """Write ``data`` to ``path`` atomically (:func:`cleaner.io.write_atomic`)."""
    from .io import write_atomic as write

    write(path, data, expect)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def cli() -> None:
    """Clean OCR dumps of Chinese newspaper pages into structured text."""


@cli.command(epilog=CLEAN_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, dir_okay=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "jsonl", "json", "markdown"]), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Write here instead of stdout.")
@click.option("--encoding", default=None, help="Input encoding (default: BOM, UTF-8, else detected).")
@click.option("--convert", "convert", metavar="CONFIG", default=None,
              help="Convert script with this OpenCC config (t2s, s2t, tw2sp, hk2s, …).")
@click.option("--report-duplicates", is_flag=True,
              help="Keep duplicates and page furniture in the text; list them on stderr (dedup.report_only).")
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict", show_default=True,
              help="Undecodable bytes in text input: an error, or U+FFFD plus a UN10 diagnostic.")
@click.option("--input-format", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: clean one field of each JSON line; other fields are kept.")
@click.option("--text-field", default="text", show_default=True, metavar="NAME", help="The field jsonl input cleans.")
@click.option("--skip-bad", is_flag=True, help="Skip malformed jsonl lines (counted on stderr) instead of stopping.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per core; at most 4 a core and 61 in all, and no more than there "
                   "are batches of work); the output is the same for any number.")
def clean(paths: tuple[str, ...], fmt: str, output: str, encoding: str | None, convert: str | None,
          report_duplicates: bool, errors: str, input_format: str, text_field: str, skip_bad: bool,
          jobs: int) -> None:
    """Clean PATHS (or stdin) and print the result.

    Text is streamed: read, cleaned and written page by page (form feeds), or in chunks cut at
    blank lines once one passes 256 K characters (about 0.75 MB), so memory does not grow with
    the input; with ``--errors replace`` too, its runs of undecodable bytes noted as they are
    read. JSONL input, ``--report-duplicates`` and the one-object formats (``json``,
    ``markdown``) clean one input unit (a file, a JSON line) at a time, a file read whole (at
    most 128 MiB); ``--jobs`` spreads chunks or units over worker processes.
    """
    from .errors import CleanerError

    if input_format == "jsonl" and fmt in ("json", "markdown"):
        # (each line is its own document: it comes back as a line, its other fields kept)
        raise click.UsageError(f"--input-format jsonl writes -f jsonl or -f text, not -f {fmt}")
    if input_format != "jsonl":  # (they were taken without a word, and did nothing)
        ctx = click.get_current_context()
        for name in ("skip_bad", "text_field"):
            if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT:
                raise click.UsageError(f"--{name.replace('_', '-')} is for JSONL input: it needs --input-format jsonl")
    if convert is not None and not convert.strip():  # (``--convert "$UNSET"``: it converted nothing)
        raise click.BadParameter("no OpenCC config given (t2s, s2t, tw2sp, hk2s, …)", param_hint="'--convert'")
    options: dict[str, object] = {}
    if convert:
        from .passes.convert import converter

        try:
            converter(convert)
        except ValueError as err:
            _fail(str(err))
        options["convert.config"] = convert
    if report_duplicates:
        options["dedup.report_only"] = True
    if input_format == "text" and not report_duplicates and fmt in ("text", "jsonl"):
        from .io import Stats
        from .stream import clean_paths

        stats = Stats()
        try:
            clean_paths(paths or ("-",), output, fmt=fmt, encoding=encoding, errors=errors, jobs=_jobs(jobs),
                        pipeline_spec={"options": options} if options else None, write_stdout=_write_stdout,
                        replaced=stats.replaced)
        except CleanerError as err:
            _fail(str(err))
        except BrokenPipeError:
            raise ReaderLeft from None  # past click, which would exit 1
        finally:
            for message in stats.messages():  # (--errors replace: the runs of each input)
                click.echo(f"cleaner: {message}", err=True)
        return
    _clean_units(paths, fmt, output, encoding, options, report_duplicates, errors, input_format, text_field, skip_bad,
                 _jobs(jobs))


def _jobs(jobs: int) -> int:
    """``--jobs``: 0 is one per core; more than :func:`cleaner.parallel.max_workers` is that many
    (``-j 100000`` forked thousands of processes), with a warning."""
    n = jobs or os.cpu_count() or 1
    if n > 1:
        from .parallel import MAX_WORKERS, max_workers

        top = max_workers()
        if n > top:
            click.echo(f"cleaner: warning: --jobs {n}: using {top} worker processes (at most 4 a core, "
                       f"{MAX_WORKERS} in all)", err=True)
            n = top
    return n


def _clean_units(paths: tuple[str, ...], fmt: str, output: str, encoding: str | None, options: dict[str, object],
                 report_duplicates: bool, errors: str, input_format: str, text_field: str, skip_bad: bool,
                 jobs: int = 1) -> None:
    """Clean one unit (a file, a JSON line) at a time, reporting per unit; with ``jobs`` > 1,
    batches of units in worker processes, written in input order."""
    from .errors import CleanerError
    from .formats import separator
    from .io import Stats, read_inputs

    chunks: list[bytes] = []
    to_stdout = output == "-"
    stats = Stats()
    if jobs > 1 and input_format == "jsonl":  # the workers parse the lines too
        results = _process_lines(paths, text_field, encoding, skip_bad, stats, jobs, fmt, dict(options), report_duplicates)
    else:
        units = read_inputs(paths, input_format=input_format, text_field=text_field, encoding=encoding, errors=errors,
                            skip_bad=skip_bad, stats=stats)
        results = _process_units(units, jobs, fmt, dict(options), report_duplicates)
    try:
        for i, (rendered, has_text, notes) in enumerate(results):
            for note in notes:
                click.echo(note, err=True)
            out = ((separator(fmt) if i and has_text else "") + rendered).encode("utf-8")
            if to_stdout:
                _write_stdout(out)
            else:
                chunks.append(out)
        if not to_stdout:
            write_atomic(output, b"".join(chunks))
    except CleanerError as err:
        _fail(str(err))
    except BrokenPipeError:
        raise ReaderLeft from None  # past click, which would exit 1
    finally:
        results.close()  # stop any workers now
        for message in stats.messages():
            click.echo(f"cleaner: {message}", err=True)


def _process_units(units: Any, jobs: int, fmt: str, options: dict[str, object], report: bool) -> Any:
    """:func:`cleaner.io.process_unit` of each unit, in order; by worker processes for ``jobs`` > 1."""
    from .io import process_unit

    if jobs <= 1:
        yield from (process_unit(u, fmt, options, report) for u in units)
        return
    from .parallel import process_units_parallel
    from .stream import batches

    groups = batches(units, lambda unit: len(unit.decoded.text))
    for outputs in process_units_parallel(groups, jobs, fmt, options, report):
        yield from outputs


def _process_lines(paths: tuple[str, ...], field: str, encoding: str | None, skip_bad: bool, stats: Any, jobs: int,
                   fmt: str, options: dict[str, object], report: bool) -> Any:
    """JSONL input by ``jobs`` workers that parse, clean and render each line, in order: this
    process only reads lines and writes results, so it does not hold the workers back. A
    malformed line stops the run (or is counted, with ``skip_bad``) where it stands in the input."""
    from .io import RawLine, jsonl_lines
    from .parallel import process_units_parallel
    from .stream import batches

    for p in paths or ("-",):
        path = None if p == "-" else p
        lines = (RawLine(path, n, raw, field, encoding) for n, raw in jsonl_lines(path))
        for outputs in process_units_parallel(batches(lines, lambda x: len(x.raw) // 3), jobs, fmt, options, report):
            for (rendered, has_text, notes, error), n in outputs:
                if error is None:
                    yield rendered, has_text, notes
                else:
                    stats.bad_line(path, n, error, skip_bad)


# --- dedup: reprints across a corpus (cleaner.corpus; needs the `corpus` extra) -------------
DEDUP_EPILOG = """\b
Examples:
  cleaner clean --format jsonl pages/*.txt > a.jsonl && cleaner dedup a.jsonl --report
  cleaner dedup pages/*.txt --keep longest > unique.jsonl   raw pages are cleaned first
  cleaner dedup a.jsonl --engine dask --scheduler tcp://scheduler:8786
  (--engine dask without --scheduler: Dask's local process pool)
"""


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A 0–1 option: ``nan`` passes click's range check (no comparison is true of it)."""
    if value != value:
        raise click.BadParameter(f"{value} is not a number from 0 to 1")
    return value


@cli.command(epilog=DEDUP_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, dir_okay=True))
@click.option("--keep", type=click.Choice(["first", "longest"]), default=None,
              help="Write only one record per cluster: the first, or the longest.")
@click.option("--report", is_flag=True, help="Print cluster statistics to stderr.")
@click.option("--ngram", type=click.IntRange(1), default=5, show_default=True, help="Characters per shingle.")
@click.option("--bands", type=click.IntRange(1), default=64, show_default=True,
              help="LSH bands (bands x rows: at most 1024 hash functions).")
@click.option("--rows", type=click.IntRange(1), default=3, show_default=True, help="MinHash values per band.")
@click.option("--threshold", type=click.FloatRange(0, 1), callback=_finite, default=0.75, show_default=True,
              help="Similarity of whole texts that makes a duplicate.")
@click.option("--containment", type=click.FloatRange(0, 1), callback=_finite, default=0.75, show_default=True,
              help="Share of a shorter text found in a longer one that makes a (partial) duplicate.")
@click.option("--min-chars", type=click.IntRange(0), default=50, show_default=True,
              help="Shorter texts match only as whole copies (--short-threshold).")
@click.option("--short-threshold", type=click.FloatRange(0, 1), callback=_finite, default=0.9, show_default=True,
              help="Similarity a text under --min-chars needs.")
@click.option("--numbers-chars", type=click.IntRange(0), default=200, show_default=True,
              help="Shorter texts must also carry the same figures (briefs from one template differ in them).")
@click.option("--prefilter", type=click.FloatRange(0, 1), callback=_finite, default=0.3, show_default=True,
              help="Skip LSH candidates whose signatures estimate less n-gram containment.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: signatures and buckets on a Dask cluster (cleaner[dask]).")
@click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask).")
@click.option("--workers", type=click.IntRange(1), default=None, help="Local processes (default: all cores).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-")
@click.option("--encoding", default=None, help="Encoding of raw pages.")
def dedup(paths, keep, report, ngram, bands, rows, threshold, containment, min_chars, short_threshold,
          numbers_chars, prefilter, engine, scheduler, workers, output, encoding) -> None:
    """Find reprints among article records (JSONL from `cleaner clean -f jsonl`, or raw pages).

    Writes every record as JSONL with cluster_id, duplicate_of (the kept record's id),
    similarity and containment; with --keep, one record per cluster. MinHash over character
    n-grams proposes pairs, rapidfuzz verifies them, union-find makes the clusters.
    """
    import json

    from .errors import CleanerError

    if scheduler is not None and engine != "dask":  # (the local engine ran, the address unused)
        raise click.UsageError("--scheduler is a Dask scheduler's address: it needs --engine dask")
    if scheduler is not None and not scheduler.strip():  # (``--scheduler "$UNSET"`` ran Dask locally)
        raise click.BadParameter("no address given", param_hint="'--scheduler'")
    try:
        from .corpus import MAX_HASHES, Params, SchedulerError, Thresholds, dedup_records
        from .corpus.records import read_records, report as stats
    except ImportError as err:
        _fail(str(err))
    if bands * rows > MAX_HASHES:  # (100000 x 100 asked numpy for 76 GiB: a MemoryError)
        raise click.BadParameter(f"{bands} x {rows} = {bands * rows} hash functions; at most {MAX_HASHES}",
                                 param_hint="'--bands' x '--rows'")
    try:
        from .io import read_bytes

        records = [
            r
            for path in (None if p == "-" else p for p in paths or ("-",))
            for r in read_records(read_bytes(path, encoding=encoding), path, encoding)
        ]
        from .corpus.records import record_text

        empty = sum(1 for r in records if not record_text(r).strip())
        if empty and empty == len(records):  # (a corpus keyed ``body`` compares nothing, silently)
            click.echo(f"cleaner: warning: none of the {empty} records has a text (a \"text\" or "
                       "\"paragraphs\" field): nothing to compare", err=True)
        elif empty:
            click.echo(f"cleaner: warning: {empty} of the {len(records)} records have no text (a \"text\" "
                       "string or a \"paragraphs\" list): each is a cluster of its own", err=True)
        out, result = dedup_records(
            records, Params(ngram=ngram, bands=bands, rows=rows, prefilter=prefilter),
            Thresholds(threshold, containment, min_chars, short_threshold, ngram=ngram, numbers_chars=numbers_chars),
            keep=keep, engine=engine, workers=workers, scheduler=scheduler,
        )
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out)
        if output == "-":
            _write_stdout(text.encode("utf-8"))
        else:
            write_atomic(output, text.encode("utf-8"))
    except CleanerError as err:
        _fail(str(err))
    except SchedulerError as err:  # (not an address, or nothing answers there)
        raise click.BadParameter(str(err), param_hint="'--scheduler'") from None
    except BrokenPipeError:
        raise ReaderLeft from None
    except ImportError as err:
        _fail(str(err))
    if report:
        click.echo(stats(result, len(records)), err=True, nl=False)


def main() -> None:
    """Entry point: run the CLI, turning a closed pipe or Ctrl-C into a quiet exit.

    Click's own handling would print "Aborted!" and exit 1 on Ctrl-C; here it is exit 130 (the
    shell's code for SIGINT) and, like any filter, a reader that leaves (``| head -1``) ends the
    run quietly with exit 0.
    """
    # SIGTERM and SIGHUP stop a run the way Ctrl-C does, so the same clean-up runs (no temporary
    # file left beside an -o target, --jobs workers shut down) and the exit code is 128 + signal
    for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, _interrupt)
    if sys.stdout is None:  # ``>&-``: a write fails as it would on a closed descriptor
        sys.stdout = _ClosedStdout()
    _log_warnings()
    try:
        try:
            code = cli.main(prog_name="cleaner", standalone_mode=False)
        except SystemExit as done:
            code = done.code
        sys.stdout.flush()  # (a full disk shows here, while it can still be reported)
    except (click.exceptions.Abort, KeyboardInterrupt):  # (Abort: click's name for KeyboardInterrupt)
        _quiet_exit(128 + _stopped_by[0])
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except (ReaderLeft, BrokenPipeError):
        _quiet_exit(0)
    except OSError as err:  # stdout full or closed under check, explain, rules, fix -
        _drop_stdout()
        where = f"{err.filename}: " if err.filename else "<stdout>: cannot write: "
        click.echo(f"cleaner: {where}{err.strerror or err}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as err:  # noqa: BLE001 - a bug outside the passes (they fail per page: PL01)
        if os.environ.get("CLEANER_DEBUG"):
            raise
        click.echo(f"cleaner: internal error: {type(err).__name__}: {err} (a bug: please report it with the "
                   "input; CLEANER_DEBUG=1 shows the traceback)", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else 0)


def _log_warnings() -> None:
    """The library's warnings (logger ``cleaner``: a pass that failed on a page, PL01) on stderr
    in the CLI's own form, ``cleaner: warning: …`` (``--jobs`` workers inherit it)."""
    import logging

    handler = logging.StreamHandler()  # (sys.stderr when it writes, not when it is made)
    handler.setFormatter(logging.Formatter("cleaner: warning: %(message)s"))
    log = logging.getLogger("cleaner")
    log.addHandler(handler)
    log.propagate = False


class _ClosedStdout(io.TextIOBase):
    """Standard output when there is none: every write is an error, not output lost in silence."""

    def write(self, s: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")

    @property
    def buffer(self) -> Any:
        raise OSError(errno.EBADF, "stdout is closed")


_stopped_by: list[int] = [signal.SIGINT]  # the signal that interrupted the run


def _interrupt(signum: int, frame: object) -> None:
    _stopped_by[0] = signum
    raise KeyboardInterrupt


def _quiet_exit(code: int) -> None:
    """Exit with ``code``; output that cannot be flushed (a closed pipe) is dropped, not reported
    (Python would print "Exception ignored ... BrokenPipeError" at shutdown)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        _drop_stdout()
    sys.exit(code)


# `check`, `fix`, `explain` and `rules` live in their own module; it registers them on `cli`.
from . import cli_check as _cli_check  # noqa: E402,F401
