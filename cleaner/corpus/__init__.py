"""Corpus-scale near-duplicate detection: reprints of one story across pages, editions and titles.

``cleaner dedup`` and :func:`dedup_records` find them with MinHash over character n-grams, LSH
banding, rapidfuzz verification and union-find (:mod:`.minhash`, :mod:`.cluster`,
:mod:`.engine`). Needs numpy (``pip install 'cleaner[corpus]'``); the Dask engine needs
``cleaner[dask]``. Nothing here is imported by ``import cleaner``.
"""
from __future__ import annotations

try:
    import numpy  # noqa: F401
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError("cleaner dedup needs numpy: pip install 'cleaner[corpus]'") from err

from .cluster import Clusters, Thresholds
from .engine import ENGINES, MAX_HASHES, Params, Result, SchedulerError, find_duplicates
from .minhash import normalize
from .records import dedup_records, record_text

__all__ = [
    "ENGINES",
    "MAX_HASHES",
    "SchedulerError",
    "Clusters",
    "Params",
    "Result",
    "Thresholds",
    "dedup_records",
    "find_duplicates",
    "normalize",
    "record_text",
]
