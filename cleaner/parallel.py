"""``--jobs N``: clean batches of chunks (or of units: files, JSON lines) in worker processes,
output in input order.

Each worker builds its pipeline once (:func:`_start_worker`) and then cleans whole batches of
chunks (:data:`cleaner.stream.BATCH_CHARS` of text or more: a file, a few pages), so the cost
of sending text to a worker and the result back stays small beside the cleaning itself. At
most ``2 * jobs`` batches are in flight, so memory stays bounded on a 1 GB stream too. A worker
runs the same :func:`cleaner.stream.clean_chunk` as ``--jobs 1``, so the output is the same
bytes.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_pipeline: Any = None  # the worker's pipeline, built once by _start_worker

#: the most worker processes a run starts, whatever ``--jobs`` says: 61 is the most a process pool
#: may hold on Windows, and more than four a core only adds memory (each worker is a copy of
#: the pipeline, about 20 MB) and start-up time; ``-j 100000`` forked thousands of processes
MAX_WORKERS = 61


def max_workers() -> int:
    """The largest useful number of worker processes here: four a core, at most :data:`MAX_WORKERS`."""
    return max(1, min(MAX_WORKERS, 4 * (os.cpu_count() or 1)))


def worker_count(jobs: int, known: int | None = None) -> int:
    """The worker processes to start for ``jobs``: no more than :func:`max_workers`, nor than
    ``known`` batches of work when they are all known (a 2-line file needs one worker)."""
    n = min(jobs, max_workers())
    if known is not None:
        n = min(n, known)
    return max(1, n)


def _head(items: Iterable[Any], n: int) -> tuple[int | None, Iterator[Any]]:
    """Read up to ``n`` of ``items``: how many there are in all when that is fewer (None when
    there may be more), and an iterator over all of them. An error reading them comes after the
    ones read before it, as it would have."""
    source = iter(items)
    head: list[Any] = []
    error: Exception | None = None
    try:
        for item in source:
            head.append(item)
            if len(head) >= n:
                break
    except Exception as err:  # (an unreadable input after good ones)
        error = err
    known = len(head) if error is not None or len(head) < n else None

    def rest() -> Iterator[Any]:
        yield from head
        if error is not None:
            raise error
        if known is None:
            yield from source

    return known, rest()


def reset_stop_signals(parent: int | None = None) -> None:
    """In a worker process: the CLI turns SIGTERM and SIGHUP into a clean stop in the parent
    (cli.main); a forked worker inherits that, but should just end (a pool's shutdown sends it
    SIGTERM, which would otherwise print a KeyboardInterrupt traceback). Ctrl-C reaches every
    process of the terminal's group: a worker leaves it to the parent, which stops the pool
    (each worker printed a KeyboardInterrupt traceback). ``parent``: the pid of the process
    that started the pool, which the worker must not outlive (:func:`die_with_parent`)."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


#: prctl(2)'s option: the signal the kernel sends this process when its parent dies
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None) -> None:
    """On Linux, have the kernel send this worker SIGTERM when its parent dies, then make sure
    ``parent`` has not died already (the parent is then someone else). A parent killed by
    SIGKILL or the OOM killer cannot stop its pool: the workers lived on, reparented, holding
    the pipeline's stdout open, so a reader never saw its end. Elsewhere (or without ctypes) a
    no-op."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) != 0:
            return
    except (ImportError, OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


def _start_worker(spec: dict[str, Any] | None = None, parent: int | None = None) -> None:
    global _pipeline
    reset_stop_signals(parent)
    if spec is not None:
        from .api import make_pipeline

        _pipeline = make_pipeline(**spec)


def _clean_batch(batch: list[Any], fmt: str) -> list[str]:
    from .stream import clean_chunk

    return [clean_chunk(_pipeline, chunk, fmt) for chunk in batch]


def _process_batch(batch: list[Any], fmt: str, options: dict[str, Any], report: bool) -> list[Any]:
    from .io import RawLine, process_line, process_unit

    # a JSONL line comes back with its number, for the parent to report it if it is malformed
    return [(process_line(x, fmt, options, report), x.line) if isinstance(x, RawLine) else process_unit(x, fmt, options, report)
            for x in batch]


#: a text that reaches the lazily built parts of the passes (the traditional-character search,
#: OpenCC's dictionaries), cleaned once in the parent before it forks
_WARM_TEXT = "本報訊（記者 王五）測試。\n\n一段正文，没有结束\n\n的句子。\n"


def _context(spec: dict[str, Any] | None = None) -> Any:
    """fork where there is one (a worker starts in milliseconds with the parent's imports), else
    spawn. Before forking, the parent builds the pipeline and cleans a line with it, so every
    worker inherits compiled patterns and loaded dictionaries instead of building its own: a
    fifth of a second of CPU per worker, a tenth of the work of a 10 MB run on two workers."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and os.name == "posix":
        if spec is not None:
            from .api import make_pipeline

            make_pipeline(**spec).run(_WARM_TEXT)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _noop() -> None:
    return None


@contextmanager
def sigint_held() -> Iterator[None]:
    """Hold Ctrl-C back while worker processes are forked, and raise it afterwards: a worker
    forked with the parent's handler in place and interrupted before its initializer ignores
    SIGINT would die holding its pool's queue lock, and the pool would wait for ever at
    shutdown. (A worker forked meanwhile inherits the holding handler: harmless.)"""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # (only the main thread receives signals)
        return
    held: list[int] = []
    old = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)
    if held:
        raise KeyboardInterrupt


def start_workers(pool: ProcessPoolExecutor) -> None:
    """Start ``pool``'s workers now (a pool forks them all at its first job), Ctrl-C held back."""
    with sigint_held():
        pool.submit(_noop).result()


def imap_ordered(pool: ProcessPoolExecutor, fn: Any, items: Iterable[Any], window: int, *args: Any) -> Iterator[Any]:
    """``fn(item, *args)`` for each of ``items`` in ``pool``, results in input order, with at
    most ``window`` items submitted and not yet consumed (``Executor.map`` would read all of
    ``items`` up front)."""
    pending: deque[Future[Any]] = deque()
    source = iter(items)
    try:
        while True:
            try:
                item = next(source)
            except StopIteration:
                break
            except Exception:
                # an input that cannot be read (a binary file after good ones): what came before
                # it is written first, as ``--jobs 1`` writes it, then the error
                while pending:
                    yield pending.popleft().result()
                raise
            pending.append(pool.submit(fn, item, *args))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # stopped early (an error, a reader that left): drop what has not started
        for future in pending:
            future.cancel()


def _map_batches(
    batches: Iterable[list[Any]], jobs: int, warm: dict[str, Any], spec: dict[str, Any] | None, fn: Any, *args: Any
) -> Iterator[Any]:
    """``fn(batch, *args)`` of each batch in input order, in a pool of at most ``jobs`` workers
    (:func:`worker_count`: no more than there are batches, when there are few); the parent warms
    a pipeline built from ``warm`` before forking, each worker builds one from ``spec``."""
    known, batches = _head(batches, worker_count(jobs))
    if known == 0:
        yield from batches  # (nothing to clean; or the first input cannot be read: its error)
        return
    jobs = worker_count(jobs, known)
    # Leaving the block waits for the batches already running (at most ``jobs``); shutting down
    # without waiting races with the executor's exit hook ("Bad file descriptor" at exit).
    with ProcessPoolExecutor(jobs, mp_context=_context(warm), initializer=_start_worker,
                             initargs=(spec, os.getpid())) as pool:
        start_workers(pool)
        yield from imap_ordered(pool, fn, batches, 2 * jobs, *args)


def clean_batches_parallel(
    batches: Iterable[list[Any]], fmt: str, jobs: int, spec: dict[str, Any]
) -> Iterator[list[str]]:
    """The rendered output of each batch of chunks, in order, cleaned by ``jobs`` workers."""
    return _map_batches(batches, jobs, spec, spec, _clean_batch, fmt)


def process_units_parallel(
    batches: Iterable[list[Any]], jobs: int, fmt: str, options: dict[str, Any], report: bool
) -> Iterator[list[Any]]:
    """:func:`cleaner.io.process_unit` of each unit (a file, a JSON line) of each batch, or
    :func:`cleaner.io.process_line` of each raw JSONL line, by ``jobs`` workers, batches in
    input order: JSONL and whole-file input for ``--jobs``."""
    return _map_batches(batches, jobs, {"options": options}, None, _process_batch, fmt, options, report)
