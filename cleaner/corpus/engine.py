"""Engines: the same algorithm on local processes (default) or on a Dask cluster.

Both run: normalise → MinHash signatures → LSH band keys → buckets → candidate pairs →
verification → union-find. Every step is deterministic (seeded hash functions, sorted bucket
members, union by smallest index), so the engines give identical clusters.

* ``local``: signatures and verification in a ``multiprocessing`` pool (``workers``, default:
  all cores), banding with numpy in the main process.
* ``dask``: a ``dask.bag`` of ``(index, text)`` partitions (2,000 documents each); each
  partition computes its signatures (kept on the workers) and band keys, and splits the
  ``(key, index)`` arrays by ``key % 64``; bucket task k gathers piece k of every partition, so
  every bucket is whole on one worker, and emits its candidate pairs with numpy (a shuffle of
  16 bytes per document and band, as arrays: ``bag.groupby`` on Python tuples was 18x slower
  than the local engine at 20k documents). The pairs and the signatures (``4 * bands * rows``
  bytes a document) are gathered on the client, which runs the prefilter, verifies in local
  processes and runs union-find.

After LSH a vectorised prefilter drops pairs whose signatures estimate less than
``Params.prefilter`` (0.3) n-gram containment: bucket collisions of unrelated texts that share
a phrase or two, which verification would reject at ~100 µs a pair.
"""
from __future__ import annotations

import dataclasses
import operator
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .cluster import Clusters, Thresholds, build_clusters, verify
from .minhash import MinHasher, band_keys, candidate_pairs, pairs_from_buckets, unique_pairs

ENGINES = ("local", "dask")
CHUNK = 2000  # documents per task
#: the most hash functions (``bands * rows``): each costs 4 bytes a document and a pass over its
#: n-grams; 1,024 is five times the default 192 (``--bands 100000 --rows 100`` asked numpy for
#: 76 GiB and ended in a MemoryError)
MAX_HASHES = 1024


class SchedulerError(ValueError):
    """The Dask scheduler named (``scheduler=``, ``--scheduler``) cannot be used: not an address,
    or nothing answers there."""


@dataclass(frozen=True)
class Params:
    """MinHash/LSH parameters. Defaults: 5-grams, 64 bands x 3 rows = 192 hash functions, which
    makes pairs with Jaccard 0.3 (a half-length reprint with OCR noise) candidates 83 % of the
    time and unrelated pairs (Jaccard < 0.02) 0.05 %. ``prefilter``: see the module docstring."""

    ngram: int = 5
    bands: int = 64
    rows: int = 3
    seed: int = 1
    max_bucket: int = 50
    prefilter: float = 0.3  # drop candidates whose estimated n-gram containment is below this

    def __post_init__(self) -> None:
        for name in ("ngram", "bands", "rows"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a whole number of 1 or more, got {value!r}")
        if self.bands * self.rows > MAX_HASHES:
            raise ValueError(f"bands x rows must be at most {MAX_HASHES} hash functions, got "
                             f"{self.bands} x {self.rows} = {self.bands * self.rows}")
        if not (isinstance(self.prefilter, (int, float)) and 0 <= self.prefilter <= 1):  # (False for nan)
            raise ValueError(f"prefilter must be a number from 0 to 1, got {self.prefilter!r}")

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


@dataclass
class Result:
    clusters: Clusters
    candidates: int
    verified: int
    timings: dict[str, float] = field(default_factory=dict)
    lsh_candidates: int = 0  # before the signature prefilter; ``candidates`` is after it


def _signatures(texts: Sequence[str], p: Params) -> np.ndarray:
    return MinHasher(p.num_perm, p.ngram, p.seed).signatures(texts)


def estimated_containment(pairs: np.ndarray, sigs: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Per pair, the share of the smaller document's n-grams found in the other, estimated
    from the signatures: Jaccard ``J`` is the share of equal values, the intersection is
    ``J (|A| + |B|) / (1 + J)``. Vectorised, so a million pairs take about a second."""
    out = np.empty(len(pairs), dtype=np.float64)
    for a in range(0, len(pairs), 100_000):
        i, j = pairs[a : a + 100_000, 0], pairs[a : a + 100_000, 1]
        jac = (sigs[i] == sigs[j]).mean(axis=1)
        si, sj = sizes[i], sizes[j]
        out[a : a + len(i)] = jac * (si + sj) / (1.0 + jac) / np.maximum(1, np.minimum(si, sj))
    return out


def _prefilter(pairs: np.ndarray, sigs: np.ndarray, texts: Sequence[str], p: Params) -> np.ndarray:
    if p.prefilter <= 0 or len(pairs) == 0:
        return pairs
    sizes = np.fromiter((max(1, len(s) - p.ngram + 1) for s in texts), dtype=np.float64, count=len(texts))
    return pairs[estimated_containment(pairs, sigs, sizes) >= p.prefilter]


def _verify_chunk(args: tuple[np.ndarray, dict[int, str], Thresholds]) -> list[tuple[int, int, float, float]]:
    pairs, texts, t = args
    return verify(pairs, texts, t)  # type: ignore[arg-type]  # a dict indexes like a list here


def _pool(workers: int, tasks: int | None = None):
    """A process pool for ``tasks`` tasks: forked when this process has no other threads (fast
    to start), else spawned (forking a process with threads, say a Dask client's, can deadlock).
    Jobs carry their texts as arguments, so both work the same. No more processes than tasks,
    nor than :func:`cleaner.parallel.max_workers` (``--workers 100000`` forked them all)."""
    import multiprocessing as mp
    import threading

    fork = "fork" in mp.get_all_start_methods() and threading.active_count() == 1
    from ..parallel import reset_stop_signals, sigint_held, worker_count

    workers = worker_count(workers, tasks)

    with sigint_held():
        return mp.get_context("fork" if fork else "spawn").Pool(workers, initializer=reset_stop_signals,
                                                                    initargs=(os.getpid(),))


def _chunks(n: int, size: int) -> list[tuple[int, int]]:
    return [(i, min(n, i + size)) for i in range(0, n, size)]


def _verify_parallel(pairs: np.ndarray, texts: Sequence[str], t: Thresholds, workers: int):
    if workers <= 1 or len(pairs) < 4 * CHUNK:
        return verify(pairs, texts, t)
    jobs = []
    for a, b in _chunks(len(pairs), CHUNK):
        part = pairs[a:b]
        jobs.append((part, {i: texts[i] for i in np.unique(part).tolist()}, t))
    with _pool(workers, len(jobs)) as pool:
        return [e for chunk in pool.map(_verify_chunk, jobs) for e in chunk]


def _local_pairs(texts: Sequence[str], p: Params, workers: int) -> tuple[np.ndarray, np.ndarray]:
    if workers <= 1 or len(texts) < 2 * CHUNK:
        sigs = _signatures(texts, p)
    else:
        jobs = [(texts[a:b], p) for a, b in _chunks(len(texts), CHUNK)]
        with _pool(workers, len(jobs)) as pool:
            sigs = np.concatenate(pool.starmap(_signatures, jobs))
    return candidate_pairs(band_keys(sigs, p.bands, p.rows), p.max_bucket), sigs


# --- dask -------------------------------------------------------------------------------------

def _dask_sigs(part: list[tuple[int, str]], p: Params) -> list[tuple[np.ndarray, np.ndarray]]:
    idx = np.asarray([i for i, _ in part], dtype=np.int64)
    return [(idx, _signatures([s for _, s in part], p))]


def _dask_route(part: list[tuple[np.ndarray, np.ndarray]], p: Params, nout: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Band keys of a partition, split by ``key % nout``: piece k goes to bucket task k."""
    flat = np.concatenate([band_keys(sigs, p.bands, p.rows).ravel() for _, sigs in part])
    docs = np.concatenate([np.repeat(idx, p.bands) for idx, _ in part])
    dest = flat % np.uint64(nout)
    return [(flat[dest == k], docs[dest == k]) for k in range(nout)]


def _dask_buckets(pieces: list[tuple[np.ndarray, np.ndarray]], max_bucket: int) -> np.ndarray:
    flat = np.concatenate([f for f, _ in pieces])
    docs = np.concatenate([d for _, d in pieces])
    return pairs_from_buckets(flat, docs, max_bucket)


def _has_client() -> bool:
    try:
        from distributed import default_client

        default_client()
        return True
    except (ImportError, ValueError):
        return False


def _dask_pairs(
    texts: Sequence[str], p: Params, scheduler: str | None, npartitions: int | None
) -> tuple[np.ndarray, np.ndarray]:
    try:
        import dask
        import dask.bag as db
    except ImportError as err:
        raise ImportError("the dask engine needs dask: pip install 'cleaner[dask]'") from err
    client, how = None, None
    if scheduler:
        from distributed import Client

        try:
            client = Client(scheduler)
        except (ValueError, TypeError, OSError, TimeoutError) as err:  # (not an address; nothing there)
            raise SchedulerError(f"cannot use the Dask scheduler {scheduler!r}: {err}") from None
    elif not _has_client():
        how = "processes"  # bags and delayed default to different local schedulers
    try:
        nparts = npartitions or max(1, min(512, -(-len(texts) // CHUNK)))
        nout = min(nparts, 64)
        bag = db.from_sequence(list(enumerate(texts)), npartitions=nparts)
        sig_parts = bag.map_partitions(_dask_sigs, p).persist(scheduler=how)
        routed = sig_parts.map_partitions(_dask_route, p, nout).to_delayed()
        # the shuffle as numpy arrays: bucket task k takes piece k of every partition
        take = dask.delayed(operator.getitem, pure=True)
        outs = [dask.delayed(_dask_buckets)([take(r, k) for r in routed], p.max_bucket) for k in range(nout)]
        got, parts = dask.compute(outs, sig_parts, scheduler=how)
    finally:
        if client is not None:
            client.close()
    sigs = np.empty((len(texts), p.num_perm), dtype=np.uint32)
    for idx, part in parts:
        sigs[idx] = part
    return unique_pairs(np.concatenate(got) if got else np.zeros((0, 2), dtype=np.int64)), sigs


def find_duplicates(
    texts: Sequence[str],
    params: Params = Params(),
    thresholds: Thresholds | None = None,
    *,
    keep: str = "first",
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    npartitions: int | None = None,
) -> Result:
    """Cluster normalised ``texts`` (see :func:`cleaner.corpus.minhash.normalize`).

    ``engine="dask"`` uses ``scheduler`` (an address such as ``tcp://host:8786``) when given,
    else Dask's current default (a ``distributed.Client`` made before the call, or threads).

    >>> a = ("国务院常务会议今天召开部署进一步做好春季农业生产工作会议指出要稳定粮食播种面积"
    ...      "加强高标准农田建设抓好农资供应和价格监管确保春耕生产顺利进行各地要压实责任")
    >>> r = find_duplicates([a, "今天天气晴朗", a[:60] + "下转第二版", a.replace("农", "衣")])
    >>> r.clusters.cluster, r.clusters.rep
    ([0, 1, 0, 0], [0, 1, 0, 0])
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    t = thresholds or Thresholds(ngram=params.ngram)
    if t.ngram != params.ngram:
        t = dataclasses.replace(t, ngram=params.ngram)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    timings: dict[str, Any] = {}
    t0 = time.perf_counter()
    if engine == "local":
        pairs, sigs = _local_pairs(texts, params, workers)
    else:
        pairs, sigs = _dask_pairs(texts, params, scheduler, npartitions)
    raw = len(pairs)
    pairs = _prefilter(pairs, sigs, texts, params)
    t1 = time.perf_counter()
    edges = _verify_parallel(pairs, texts, t, workers)
    t2 = time.perf_counter()
    clusters = build_clusters(len(texts), edges, texts, t, keep)
    t3 = time.perf_counter()
    timings.update(candidates=t1 - t0, verify=t2 - t1, cluster=t3 - t2)
    return Result(clusters, len(pairs), len(edges), timings, raw)
