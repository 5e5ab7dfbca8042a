"""``cleaner check``, ``fix``, ``explain`` and ``rules``: cleaner as a data check before commit.

They follow ruff: ``check`` prints ``path:line:col: CODE [*] message`` per finding on stdout
(``[*]``: ``fix`` repairs it) and a summary on stderr, and exits 0 when clean, 1 on findings,
2 on bad input or configuration. Everything heavy is imported inside the commands, so
``cleaner --help`` and a check of one page start fast.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import click

from .cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli, write_atomic

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Result, Settings

#: files taken from a folder given on the command line (explicit files are taken whatever their name)
FOLDER_GLOB = "*.txt"

CHECK_EPILOG = """\b
Examples:
  cleaner check pages/                         every *.txt under pages/
  cleaner check --diff page.txt                what `cleaner fix` would change
  cleaner check --select RJ,SG --strict a.txt  only two rule families; warnings fail too
  cleaner check --output-format github .       annotations in a GitHub Actions log
  cat page.txt | cleaner check - --stdin-filename pages/p1.txt

\b
Exit status: 0 no failing findings, 1 failing findings (errors; warnings too with --strict;
with --diff: also any change), 2 bad input, options or configuration.
"""


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    from .config import ConfigError, check_codes

    codes = [c for v in values for c in v.split(",") if c.strip()]
    if not codes and param.name == "select":  # (``--select ''`` from an unset variable: no rule would run)
        raise click.BadParameter("no rule code given (use ALL for every rule)")
    try:
        return check_codes(codes, f"--{param.name}", None)
    except ConfigError as err:
        raise click.BadParameter(err.message) from None


def _common(f: Callable[..., Any]) -> Callable[..., Any]:
    """The options check, fix and explain share: files, rule selection, configuration, input."""
    for deco in reversed((
        click.argument("paths", nargs=-1, type=click.Path(allow_dash=True)),
        click.option("--select", multiple=True, callback=_codes, metavar="CODES",
                     help="Rule-code prefixes to run, comma-separated (replaces the configuration's)."),
        click.option("--ignore", multiple=True, callback=_codes, metavar="CODES",
                     help="Rule-code prefixes to skip, comma-separated (replaces the configuration's)."),
        click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                     help="Use this cleaner.toml / pyproject.toml instead of looking for one."),
        click.option("--stdin-filename", default=None, metavar="PATH",
                     help="The name of stdin (`-`): shown in findings, used to find configuration."),
        click.option("--encoding", default=None, help="Input encoding (default: BOM, UTF-8, else detected)."),
    )):
        f = deco(f)
    return f


class _Target:
    __slots__ = ("path", "display", "settings", "excluded")

    def __init__(self, path: str | None, display: str, settings: Settings, excluded: bool = False) -> None:
        self.path, self.display, self.settings, self.excluded = path, display, settings, excluded


def _targets(paths: tuple[str, ...], config_file: str | None, stdin_filename: str | None,
             select: tuple[str, ...] | None, ignore: tuple[str, ...] | None,
             strict: bool | None = None, lines: bool = True) -> Iterator[_Target | Exception]:
    """The files to work on with their settings; a folder is searched for ``*.txt`` files.

    Excluded files are skipped even when named explicitly (pre-commit names every file).
    A configuration error stops everything (exit 2); a missing file is yielded as the error.
    ``lines``: the names are shown in text lines, their control characters escaped (JSON and
    GitHub annotations escape them their own way).
    """
    from fnmatch import fnmatchcase

    from .checker import Settings
    from .config import discover, forget, load
    from .errors import CleanerError, shown

    display = shown if lines else str

    forget()  # a long-lived process (tests, an editor) sees edits of the configuration files
    explicit = load(config_file) if config_file else None

    def settings(path: str | None) -> Settings:
        cfg = explicit or discover(path)
        return Settings.for_path(cfg, path, select=select, ignore=ignore, strict=strict)

    for p in paths or ("-",):
        if p == "-":
            s = settings(stdin_filename)
            # an excluded name still passes its text through (``fix -`` writes what it read)
            yield _Target(None, display(stdin_filename or "<stdin>"), s,
                          bool(stdin_filename) and s.config.excluded(stdin_filename))  # type: ignore[arg-type]  # a name here
        elif os.path.isdir(p):
            unreadable: list[OSError] = []  # folders the walk cannot list: reported, not skipped
            found = False
            for folder, dirs, files in os.walk(p, onerror=unreadable.append):
                yield from (CleanerError(f"cannot read: {e.strerror or e}", e.filename) for e in unreadable)
                unreadable.clear()
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if fnmatchcase(name, FOLDER_GLOB):
                        path = os.path.join(folder, name)
                        try:
                            mode = os.stat(path).st_mode
                        except OSError as e:  # a dangling symlink
                            yield CleanerError(f"cannot read: {e.strerror or e}", path)
                            continue
                        if not stat.S_ISREG(mode):
                            continue  # a FIFO or device named *.txt: reading it would block
                        s = settings(path)
                        found = True
                        if not s.config.excluded(path):
                            yield _Target(path, display(path), s)
            yield from (CleanerError(f"cannot read: {e.strerror or e}", e.filename) for e in unreadable)
            if not found:  # (a folder named by mistake would otherwise pass as checked)
                click.echo(f"cleaner: warning: {shown(p)}: no {FOLDER_GLOB} files in this folder", err=True)
        elif not os.path.lexists(p):
            try:
                os.stat(p)
            except PermissionError:
                yield CleanerError("cannot read: Permission denied", p)
            except OSError:
                yield CleanerError("no such file", p)
        else:
            s = settings(p)
            if not s.config.excluded(p):
                yield _Target(p, display(p), s)


def _run(targets: Iterator[_Target | Exception], encoding: str | None, fix: bool,
         whole: bool = False) -> Iterator[Iterator[Result] | None]:
    """Check each target: the results of its parts, one for a file checked whole, one a chunk for
    a file over :data:`cleaner.io.MAX_WHOLE` (``whole``: refused instead, for ``--diff``). An
    unreadable or undecodable target is ``None``, reported on stderr; a large file's later part
    can still raise :class:`CleanerError` (bad bytes a gigabyte in)."""
    from .checker import check_bytes, check_stream
    from .errors import CleanerError, shown
    from .io import MAX_WHOLE, read_head

    for t in targets:
        try:
            if isinstance(t, Exception):
                raise t
            if fix and t.path is not None and _special(t.path):
                # (a FIFO: the fixed text would be written into the pipe, waiting for a reader)
                raise CleanerError("not a regular file; fix rewrites files in place (use `cleaner fix - < FILE`)", t.path)
            # (stdin too: binary is refused at its first megabyte)
            data, rest = read_head(t.path, encoding=encoding, limit=MAX_WHOLE)
            if rest is None:
                res = check_bytes(data, t.path, t.settings, encoding=encoding, display=t.display, fix=fix, skip=t.excluded)
                if res.skipped and not t.excluded:
                    click.echo(f"cleaner: {shown(res.path)}: no Chinese text: left as it is", err=True)
                yield iter((res,))
                continue
            if whole:
                if t.path is not None:
                    rest.close()
                raise CleanerError(f"larger than {MAX_WHOLE >> 20} MiB: --diff holds a file whole (`cleaner check` and "
                                   "`cleaner fix` go through it a piece at a time)", t.path)
            parts = check_stream(data, rest, t.path, t.settings, encoding=encoding, display=t.display, fix=fix,
                                 skip=t.excluded)
            yield _closing(parts, rest if t.path is not None else None)
        except CleanerError as err:
            click.echo(f"cleaner: {err}", err=True)
            yield None


def _closing(parts: Iterator[Result], f: Any) -> Iterator[Result]:
    """``parts``, then ``f`` closed (however the reader stops)."""
    try:
        yield from parts
    finally:
        if f is not None:
            f.close()


def _special(path: str) -> bool:
    """Whether ``path`` is there and is no regular file (a FIFO, a device, a socket)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # (reading it says what is wrong)


def _config_errors(fn: Callable[..., int]) -> Callable[..., None]:
    """Run a command body, turning a configuration error into one line on stderr and exit 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from .config import ConfigError

        try:
            code = fn(*args, **kwargs)
        except ConfigError as err:
            click.echo(f"cleaner: {err}", err=True)
            code = EXIT_ERROR
        sys.exit(code)

    return wrapper


def _unstable(res: Result) -> None:
    from .errors import shown

    if res.rounds > 1:
        click.echo(
            f"cleaner: {shown(res.path)}: fixing took {res.rounds} rounds ({', '.join(res.unstable)} changed the"
            " fixed text again); a pass is not idempotent, please report it", err=True,
        )


@cli.command(epilog=CHECK_EPILOG)
@_common
@click.option("--diff", is_flag=True, help="Print a unified diff of what `cleaner fix` would write, nothing else.")
@click.option("--output-format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="Findings as lines, one JSON array, or GitHub Actions annotations.")
@click.option("--strict/--no-strict", default=None, help="Warnings fail the check too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means an error).")
@_config_errors
def check(paths: tuple[str, ...], select: tuple[str, ...] | None, ignore: tuple[str, ...] | None,
          config_file: str | None, stdin_filename: str | None, encoding: str | None, diff: bool,
          output_format: str, strict: bool | None, exit_zero: bool) -> int:
    """Report findings in PATHS (or stdin) without writing anything.

    A finding is a change `cleaner fix` would make ([*]) or a problem it cannot fix.
    """
    from .errors import CleanerError
    from .report import Tally, finding_line, findings_json, github_line, plural, summary, unified_diff

    if diff and output_format != "text":  # (it was ignored without a word)
        raise click.UsageError(f"--diff prints a unified diff; --output-format {output_format} does not go with it")
    out = sys.stdout
    tally = Tally()
    findings = []  # (kept for --output-format json alone: a huge file has millions)
    files, errors, failing, changed, any_strict = 0, 0, False, 0, False
    targets = _targets(paths, config_file, stdin_filename, select, ignore, strict, lines=output_format == "text")
    for parts in _run(targets, encoding, diff, whole=diff):
        if parts is None:
            errors += 1
            continue
        try:
            for res in parts:
                files += res.part <= 1
                tally.add(res.findings)
                if output_format == "json" and not diff:
                    findings.extend(res.findings)
                failing |= bool(res.failing)
                any_strict |= res.settings.strict
                if diff:
                    _unstable(res)
                    if res.changed:
                        # the file's own bytes, and those `fix` would write: the diff applies to the file
                        # (text its encoding cannot hold raises: `fix` refuses it too)
                        fixed = res.fixed_bytes()
                        changed += 1
                        out.flush()
                        out.buffer.write(unified_diff(res.path, res.data, fixed))
                elif output_format == "text":
                    out.writelines(finding_line(f) + "\n" for f in res.findings)
                elif output_format == "github":
                    out.writelines(github_line(f) + "\n" for f in res.findings)
                out.flush()
        except CleanerError as err:
            click.echo(f"cleaner: {err}", err=True)
            errors += 1
    if output_format == "json" and not diff:
        out.write(findings_json(findings))
    if diff and (files or not errors):  # (no summary of nothing after an error: the error says it)
        rest = tally.total - tally.fixable
        msg = (f"Would fix {plural(tally.fixable, 'finding')} in {changed} of {plural(files, 'file')}"
               if changed else f"No changes ({plural(files, 'file')})")
        click.echo(msg + (f"; {plural(rest, 'finding')} {'has' if rest == 1 else 'have'} no fix (see `cleaner check`)."
                          if rest else "."), err=True)
    elif not diff and (files or not errors):
        click.echo(summary(tally, files, strict=any_strict), err=True)
    if errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if failing or changed else EXIT_OK


@cli.command(epilog="""\b
Examples:
  cleaner fix pages/*.txt                 in place; untouched files keep their mtime
  cleaner fix - < page.txt > clean.txt    stdin to stdout (same encoding and newlines)
""")
@_common
@click.option("--strict/--no-strict", default=None, help="Exit 1 if warnings remain after fixing.")
@_config_errors
def fix(paths: tuple[str, ...], select: tuple[str, ...] | None, ignore: tuple[str, ...] | None,
        config_file: str | None, stdin_filename: str | None, encoding: str | None, strict: bool | None) -> int:
    """Fix PATHS in place, keeping encoding and newline style.

    Writes are atomic and keep the BOM and the file mode. Files that need no change are not
    touched. `-` reads stdin and writes the fixed text to stdout. Exit 1 if findings that fail
    `check` remain (they have no automatic fix).
    """
    from .errors import CleanerError
    from .report import plural

    fixed_files = files = fixed = errors = remaining = 0
    failing = False
    for parts in _run(_targets(paths, config_file, stdin_filename, select, ignore, strict), encoding, True):
        if parts is None:
            errors += 1
            continue
        try:
            done = _fix_file(parts)
        except CleanerError as err:
            click.echo(f"cleaner: {err}", err=True)
            errors += 1
            continue
        if done is None:
            continue
        files += 1
        path, n, by_code, left, fails = done
        if n:
            detail = ", ".join(f"{c} ×{k}" for c, k in sorted(by_code.items()))
            click.echo(f"fixed {plural(n, 'finding')} in {path} ({detail})", err=True)
            fixed += n
            fixed_files += 1
        remaining += left
        failing |= fails
    if files:
        msg = f"Fixed {plural(fixed, 'finding')} in {fixed_files} of {plural(files, 'file')}."
        if remaining:
            msg += f" {plural(remaining, 'finding')} {'has' if remaining == 1 else 'have'} no fix: run `cleaner check` to see them."
        click.echo(msg, err=True)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_OK


def _fix_file(parts: Iterator[Result]) -> tuple[str, int, Counter[str], int, bool] | None:
    """Write the fixed text of one file's parts: the file rewritten in place (atomically, and
    only if something changed), or stdout for stdin. Returns the file's name, the findings fixed,
    their codes, the findings left and whether those fail; None for a file with no parts."""
    from .errors import CleanerError
    from .io import AtomicOutput

    sink: AtomicOutput | None = None  # a large file's rewrite, written a chunk at a time
    before = None  # (size, mtime) of that file when its fixing began
    # a large file's text as it was and as written, hashed: it is rewritten only if they differ
    was, now = hashlib.sha256(), hashlib.sha256()
    path, fixed, left, fails = None, 0, 0, False
    by_code: Counter[str] = Counter()
    try:
        for res in parts:
            path = res.path
            data = res.fixed_bytes()
            if res.page.path is None:
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
            elif res.part == 0:
                if res.changed:  # through a symlink: the file it points at is rewritten, the link kept
                    write_atomic(os.path.realpath(res.page.path), data, expect=res.data)
            else:
                if sink is None:
                    target = os.path.realpath(res.page.path)
                    st = os.stat(target)
                    before = (st.st_size, st.st_mtime_ns)
                    sink = AtomicOutput(target)
                sink.write(data)
                was.update(res.data)
                now.update(data)
            _unstable(res)
            fixed += sum(f.fixable for f in res.findings)
            by_code.update(f.code for f in res.findings if f.fixable)
            left += len(res.remaining)
            fails |= any(res.settings.fails(f.severity) for f in res.remaining)
        if sink is not None:
            if was.digest() == now.digest():
                sink.abort()  # (nothing to fix: the file keeps its mtime)
            else:
                st = os.stat(sink.path)
                if (st.st_size, st.st_mtime_ns) != before:
                    raise CleanerError("changed while it was being fixed; left as it is (run again)", sink.path)
                sink.commit()
            sink = None
    finally:
        if sink is not None:
            sink.abort()
    if path is None:
        return None
    return path, fixed, by_code, left, fails


@cli.command()
@_common
@click.option("--max-chars", default=80, show_default=True, type=click.IntRange(min=0),
              help="Shorten before/after texts longer than this in the middle (0: never).")
@_config_errors
def explain(paths: tuple[str, ...], select: tuple[str, ...] | None, ignore: tuple[str, ...] | None,
            config_file: str | None, stdin_filename: str | None, encoding: str | None, max_chars: int) -> int:
    """Print the edit log of PATHS, one change per line.

    `line:col CODE name: 'before' → 'after'`; positions are in the original file; invisible
    characters are shown (⏎ newline, ␣ space, ⟨U+3000⟩ ideographic space); a removed duplicate
    names the line of the copy that was kept.
    """
    from .report import explain_lines

    from .errors import CleanerError

    targets = list(_targets(paths, config_file, stdin_filename, select, ignore))
    several = len(targets) > 1
    errors = 0
    for parts in _run(iter(targets), encoding, False):
        if parts is None:
            errors += 1
            continue
        try:
            shown = False  # any change of this file printed
            for res in parts:
                if several and res.part <= 1:
                    click.echo(f"==> {res.path} <==")
                lines = explain_lines(res.page, max_chars)
                if lines:
                    click.echo("\n".join(lines))
                    shown = True
                if res.last and not shown:
                    click.echo(f"{res.path}: no changes", err=True)
        except CleanerError as err:
            click.echo(f"cleaner: {err}", err=True)
            errors += 1
    return EXIT_ERROR if errors else EXIT_OK


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
@click.option("--options", "show_options", is_flag=True, help="List the pass options and their defaults instead.")
def rules(fmt: str, show_options: bool) -> None:
    """List every rule with its code, severity and summary."""
    from .registry import PASSES, all_rules, pass_class
    from .report import options_output, rules_output

    if show_options:
        opts = [(f"{n}.{k}", v) for n in PASSES for k, v in pass_class(n).options.items()]
        click.echo(options_output(opts, fmt), nl=False)
    else:
        click.echo(rules_output(all_rules(), fmt), nl=False)
