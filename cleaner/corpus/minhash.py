"""MinHash signatures over character n-grams and LSH banding, vectorised with numpy.

Chinese has no spaces, so a "word" shingle is a whole sentence; we hash overlapping character
n-grams of the normalised text instead (:func:`normalize` drops whitespace and punctuation, so
a column break or a changed quote mark does not change a shingle):

>>> normalize("本报讯（记者 王五）春耕时节，\\n田间地头 一派繁忙。")
'本报讯记者王五春耕时节田间地头一派繁忙'

How it is computed, per document and without a Python loop per character:

1. the code points go into a ``uint64`` array; an n-gram's hash is a polynomial over its n
   code points followed by the splitmix64 finaliser (n vector passes);
2. each of the ``num_perm`` hash functions is multiply-shift, ``(a * h + b) >> 32`` with random
   odd 64-bit ``a`` (Dietzfelbinger's 2-universal family): no modulo, no per-shingle SHA-1;
3. the minimum per function is taken over cache-sized slices of shingles (:meth:`MinHasher.signature`).

A document shorter than n is one shingle (itself). A document that normalises to nothing gets
the all-ones signature and :func:`band_keys` marks it so that it never becomes a candidate.

LSH: the signature is cut into ``bands`` bands of ``rows`` values; two documents are candidates
when all rows of some band agree. The probability for Jaccard similarity ``J`` is
``1 - (1 - J**rows) ** bands``; see :func:`candidate_probability`.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np  # the `corpus` extra; cleaner/corpus/__init__.py says so when it is missing
import regex

from ..passes.convert import converter, has_traditional

_DROP = regex.compile(r"[\p{P}\p{S}\p{Z}\p{C}\s_]+")
_POLY = np.uint64(0x100000001B3)  # the FNV prime: spreads code points across 64 bits
_MAX = np.uint32(0xFFFFFFFF)
SLICE = 1024  # shingles per step: 1024 x 192 x 8 bytes = 1.5 MiB, stays in cache


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), simplified characters (OpenCC ``t2s``,
    only for a text that has traditional ones), lower case, and no whitespace, punctuation or
    symbols: the text that is shingled and compared.

    Punctuation goes first, so NFKC runs only on texts that still need it (full-width digits or
    letters): 4x faster on typical articles, whose only non-NFKC characters are ，。“”.
    """
    text = _DROP.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _DROP.sub("", unicodedata.normalize("NFKC", text))
    if has_traditional(text):  # a Hong Kong or Taiwan reprint of a mainland story compares as one
        text = converter("t2s").convert(text)
    return text.lower()


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place (uint64 arithmetic wraps, as intended)."""
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


def shingle_hashes(text: str, ngram: int) -> np.ndarray:
    """The 64-bit hashes of the character n-grams of ``text`` (already normalised), in order.

    >>> h = shingle_hashes("春耕时节春耕", 2)
    >>> len(h), bool(h[0] == h[4])
    (5, True)
    """
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cps) < ngram:
        cps = np.concatenate([cps, np.zeros(ngram - len(cps), dtype=np.uint64)])
    count = len(cps) - ngram + 1
    h = cps[:count].copy()  # array arithmetic wraps modulo 2**64 silently, as wanted here
    for k in range(1, ngram):
        h *= _POLY
        h += cps[k : k + count]
    return _mix(h)


class MinHasher:
    """``num_perm`` multiply-shift hash functions drawn from ``seed``; deterministic, so two
    processes (or two Dask workers) with the same parameters compute the same signatures."""

    def __init__(self, num_perm: int = 128, ngram: int = 5, seed: int = 1) -> None:
        if num_perm < 1 or ngram < 1:
            raise ValueError("num_perm and ngram must be positive")
        self.num_perm, self.ngram, self.seed = num_perm, ngram, seed
        rng = np.random.default_rng(seed)
        self.a = rng.integers(0, 2**63, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self.b = rng.integers(0, 2**63, num_perm, dtype=np.uint64)

    def signature(self, hashes: np.ndarray, buf: np.ndarray | None = None) -> np.ndarray:
        """The signature (``uint32``) of one document's shingle hashes.

        The product ``a * h + b`` is taken modulo 2**64 and its minimum found on all 64 bits;
        its top 32 bits are the multiply-shift hash, and the minimum of the top bits is the top
        bits of the minimum, so no shift is needed per shingle. Rows go through a reused buffer
        in slices, which keeps the work in cache: about 8x faster than one big matrix.
        """
        if buf is None:
            buf = np.empty((SLICE, self.num_perm), dtype=np.uint64)
        sig = np.full(self.num_perm, np.uint64(2**64 - 1), dtype=np.uint64)
        for i in range(0, len(hashes), SLICE):
            h = hashes[i : i + SLICE, None]
            b = buf[: len(h)]
            np.multiply(h, self.a, out=b)
            b += self.b
            np.minimum(sig, b.min(axis=0), out=sig)
        return (sig >> np.uint64(32)).astype(np.uint32)

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """A ``(len(texts), num_perm)`` ``uint32`` array of MinHash signatures of normalised
        texts; an empty text gets all ones."""
        out = np.full((len(texts), self.num_perm), _MAX, dtype=np.uint32)
        buf = np.empty((SLICE, self.num_perm), dtype=np.uint64)
        for i, text in enumerate(texts):
            if text:
                out[i] = self.signature(shingle_hashes(text, self.ngram), buf)
        return out


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """A ``(n, bands)`` ``uint64`` array: one key per document and band (the band's index is
    mixed in, so keys of different bands never meet). Empty documents get unique keys."""
    n = sigs.shape[0]
    if bands * rows > sigs.shape[1]:
        raise ValueError(f"bands x rows = {bands * rows} exceeds num_perm = {sigs.shape[1]}")
    keys = np.empty((n, bands), dtype=np.uint64)
    s = sigs.astype(np.uint64)
    for band in range(bands):
        k = np.full(n, (band + 1) * 0x9E3779B97F4A7C15 % 2**64, dtype=np.uint64)
        for j in range(band * rows, band * rows + rows):
            k = _mix(k ^ s[:, j])
        keys[:, band] = k
    empty = np.all(sigs == _MAX, axis=1)
    if empty.any():  # never a candidate: a key of its own per document and band
        idx = np.nonzero(empty)[0].astype(np.uint64)
        own = idx[:, None] * np.uint64(bands) + np.arange(bands, dtype=np.uint64)
        keys[empty] = _mix(own ^ np.uint64(0xE7037ED1A0B428DB))  # type: ignore[operator]  # own is uint64: numpy's stubs make it float64
    return keys


def bucket_pairs(members: Sequence[int], max_bucket: int) -> list[tuple[int, int]]:
    """Candidate pairs from one bucket (document indices in ascending order): all pairs up to
    ``max_bucket`` members; beyond that each member pairs with the first and its predecessor,
    so a bucket of boilerplate stays linear instead of quadratic."""
    m = len(members)
    if m <= max_bucket:
        return [(members[i], members[j]) for i in range(m) for j in range(i + 1, m)]
    first = members[0]
    pairs = [(first, x) for x in members[1:]]
    pairs += [(members[i - 1], members[i]) for i in range(2, m)]
    return pairs


def candidate_pairs(keys: np.ndarray, max_bucket: int = 50) -> np.ndarray:
    """All candidate pairs ``(i, j)``, ``i < j``, sorted and unique, as an ``(m, 2)`` array."""
    n, bands = keys.shape
    return pairs_from_buckets(keys.ravel(), np.repeat(np.arange(n, dtype=np.int64), bands), max_bucket)


def pairs_from_buckets(flat: np.ndarray, docs: np.ndarray, max_bucket: int = 50) -> np.ndarray:
    """Candidate pairs from parallel arrays of band keys and document indices (any order, any
    subset of the keys as long as a key's entries are all there: what a Dask shuffle delivers)."""
    order = np.lexsort((docs, flat))
    k, d = flat[order], docs[order]
    if len(k) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    starts = np.nonzero(np.concatenate([[True], k[1:] != k[:-1]]))[0]
    sizes = np.diff(np.concatenate([starts, [len(k)]]))
    # buckets up to max_bucket: all pairs, vectorised per bucket size; bigger ones (rare)
    # through bucket_pairs
    parts = [np.zeros((0, 2), dtype=np.int64)]
    for size in np.unique(sizes[(sizes > 1) & (sizes <= max_bucket)]).tolist():
        first = starts[sizes == size]
        a, b = np.triu_indices(size, 1)
        parts.append(np.stack([d[first[:, None] + a].ravel(), d[first[:, None] + b].ravel()], axis=1))
    for s, size in zip(starts[sizes > max_bucket].tolist(), sizes[sizes > max_bucket].tolist()):
        parts.append(np.asarray(bucket_pairs(d[s : s + size].tolist(), max_bucket), dtype=np.int64).reshape(-1, 2))
    pairs = np.concatenate(parts)
    return unique_pairs(pairs)


def unique_pairs(pairs: np.ndarray) -> np.ndarray:
    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.asarray(pairs, dtype=np.int64)
    codes = np.unique(pairs[:, 0] * np.int64(1 << 32) + pairs[:, 1])
    return np.stack([codes >> 32, codes & 0xFFFFFFFF], axis=1)


def candidate_probability(j: float, bands: int, rows: int) -> float:
    """The chance that two documents with Jaccard similarity ``j`` share a bucket.

    >>> round(candidate_probability(0.3, 64, 3), 2), round(candidate_probability(0.02, 64, 3), 4)
    (0.83, 0.0005)
    """
    return 1.0 - (1.0 - j**rows) ** bands
