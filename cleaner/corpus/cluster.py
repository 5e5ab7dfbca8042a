"""Verification of candidate pairs with rapidfuzz, and union-find clusters.

MinHash only proposes pairs; a pair joins a cluster only when the texts themselves agree:

* **similarity** — ``fuzz.ratio`` of the two normalised texts (1 - normalised Indel distance):
  a full reprint with 5 % OCR noise scores about 0.95, two different stories on one topic
  0.2–0.5;
* **containment** — for a reprint cut short, the shorter text ``s`` against the window ``w`` of
  the longer one: ``LCS(s, w) / len(s)`` with rapidfuzz's bit-parallel ``LCSseq``, where ``w``
  is the stretch of ``len(s)`` characters (plus a little slack) holding the most n-grams of
  ``s``, so a copy cut at the end, the start or both is found; a longer ``s`` is scored in
  pieces of 100+ characters, each in its own window, so a dropped middle is found too. The window is located with the same n-gram hashes as MinHash, so
  this takes microseconds, where ``fuzz.partial_ratio`` slides over every offset
  (10–30 ms for an unrelated pair of 800 and 1500 characters).

A pair is a duplicate when ``similarity >= threshold`` (0.75) or ``containment >= containment``
(0.75). When the shorter text has fewer than ``min_chars`` (50) characters it must be a whole
copy, ``similarity >= short_threshold`` (0.9), so two short notices that share a formula (a
date, 召开专题会议, 投入资金…万元) do not merge on it. When it has fewer than ``numbers_chars`` (200)
it must also carry its figures (:func:`same_numbers`): briefs from one template (县新增就业…人,
开通…路公交) read alike and differ in them. On the reprint bench unrelated candidate pairs score
at most 0.45 and 95 % of reprint pairs above 0.78.

Clusters (:func:`build_clusters`) join the pairs, except that a text found in the texts of many
clusters (a boilerplate paragraph that every story under it contains) joins only its best match.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

from .minhash import shingle_hashes


@dataclass(frozen=True)
class Thresholds:
    """When a candidate pair counts as a duplicate (see the module docstring)."""

    threshold: float = 0.75       # similarity of whole texts
    containment: float = 0.75     # the shorter text against its window in the longer one
    min_chars: int = 50           # below this the shorter text must be a whole copy ...
    short_threshold: float = 0.9  # ... this similar
    ngram: int = 5                # n-grams used to locate the window
    numbers_chars: int = 200      # below this the figures must agree too (:func:`same_numbers`)

    def __post_init__(self) -> None:
        for name in ("threshold", "containment", "short_threshold"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and 0 <= value <= 1):  # (False for nan)
                raise ValueError(f"{name} must be a number from 0 to 1, got {value!r}")


def containment(short: str, long: str, ngram: int, target: float = 0.75) -> float:
    """How well ``short`` matches the parts of ``long`` it was cut from, 0..1.

    ``short`` is scored in pieces of at least 100 characters (up to 4), each against its own
    densest window of ``long`` (:func:`window_match`), so a copy that kept the start and the
    end of a story and dropped its middle, or moved a paragraph, still scores high.

    When that falls short of ``target`` but not far (:data:`SPLIT_FLOOR`), a piece that
    matched poorly keeps the stretch its window aligns with, and the parts before and after
    it (of :data:`MIN_PIECE` characters or more) are matched each in its own window, and so
    on: a reprint that reordered its paragraphs (or cut and reordered them) is found wherever
    its paragraphs went. Pairs far below ``target`` are not split, so unrelated candidates cost
    no more than before.

    >>> a = "国家统计局今天发布数据显示前三季度全国规模以上工业增加值同比增长百分之五点六"
    >>> round(containment(a[:25], a, 5), 2), round(containment("今天天气晴朗适宜出行游玩", a, 5), 2)
    (1.0, 0.0)
    >>> b = "春季农业生产工作会议指出要稳定粮食播种面积加强高标准农田建设抓好农资供应和价格监管"
    >>> round(containment(b[20:] + a[:22], a + b, 5), 2)  # two parts, in the other order
    1.0
    """
    if not short or not long:
        return 0.0
    hl = shingle_hashes(long, ngram)
    k = max(1, min(4, len(short) // PIECE))
    size = -(-len(short) // k)
    pieces = [short[i : i + size] for i in range(0, len(short), size)]
    windows = [_window(p, long, hl, ngram) for p in pieces]
    found = [int(LCSseq.similarity(p, w)) if w else 0 for p, w in zip(pieces, windows)]
    score = sum(found) / len(short)
    if score >= target or score < SPLIT_FLOOR:
        return score
    return sum(_split_match(p, w, f, long, hl, ngram) for p, w, f in zip(pieces, windows, found)) / len(short)


PIECE = 100  # characters of the shorter text scored on their own (at least)
MIN_PIECE = 20  # a part of a piece shorter than this is not matched on its own
SPLIT_FLOOR = 0.5  # pieces are split only when the pair scores at least this (0.4 found a few more
# copies with a new lead, a cut and shuffled paragraphs, for 10 % more CPU at 100,000 records)
WELL_MATCHED = 0.9  # a piece matched this well is not split (OCR noise alone costs that much)
GAP = 3  # unmatched characters inside one aligned stretch (OCR drops and insertions)


def _split_match(piece: str, window: str, found: int, long: str, hl: np.ndarray, ngram: int) -> int:
    """The characters of ``piece`` found in ``long``: ``found`` (in its ``window``), or more when
    the piece came from apart. Then the stretch of the piece that its window aligns with is
    kept, and what lies before and after it (a moved paragraph) is matched on its own."""
    if found >= WELL_MATCHED * len(piece) or len(piece) < 2 * MIN_PIECE or not window:
        return found
    # the aligned stretch: the longest run of equal blocks with small gaps between them
    best = (0, 0, 0)  # matched characters, start, end (in the piece)
    run = (0, 0, 0)
    for op in LCSseq.opcodes(piece, window):
        if op.tag != "equal":
            continue
        n, s, e = run
        if n and op.src_start - e <= GAP:
            run = (n + op.src_end - op.src_start, s, op.src_end)
        else:
            run = (op.src_end - op.src_start, op.src_start, op.src_end)
        best = max(best, run)
    n, s, e = best
    if not n:
        return found
    rest = 0
    for part in (piece[:s], piece[e:]):
        if len(part) >= MIN_PIECE:
            w = _window(part, long, hl, ngram)
            rest += _split_match(part, w, int(LCSseq.similarity(part, w)) if w else 0, long, hl, ngram)
    return max(found, n + rest)


def window_match(piece: str, long: str, hl: np.ndarray, ngram: int) -> int:
    """The characters of ``piece`` found, in order, in the window of ``long`` (``hl``: its
    n-gram hashes) of ``len(piece)`` characters holding most of the piece's n-grams; phrases
    repeated elsewhere in the longer text (an organisation's name, a slogan) do not stretch it."""
    window = _window(piece, long, hl, ngram)
    return int(LCSseq.similarity(piece, window)) if window else 0


def _window(piece: str, long: str, hl: np.ndarray, ngram: int) -> str:
    """The stretch of ``long`` :func:`window_match` compares ``piece`` with ("" if none)."""
    hit = np.nonzero(np.isin(hl, shingle_hashes(piece, ngram)))[0]
    if len(hit) == 0:
        return ""
    span = len(piece)
    counts = np.searchsorted(hit, hit + span) - np.arange(len(hit))
    lo = int(hit[int(np.argmax(counts))])
    pad = ngram + span // 20  # noise at the edges hides the first n-grams; drops shift the end
    return long[max(0, lo - pad) : lo + span + pad]


def score_pair(a: str, b: str, t: Thresholds) -> tuple[float, float]:
    """``(similarity, containment)`` of two normalised texts."""
    short, long = _ordered(a, b)
    sim = fuzz.ratio(a, b) / 100.0
    if len(short) < t.min_chars or sim >= t.threshold:
        return sim, sim
    # one window's LCS cannot beat the whole text's: a cheap bound that settles most pairs
    # the whole text's LCS bounds what one window finds, and a pair below the split floor is
    # not split: a cheap test that settles most unrelated pairs
    if len(short) < 2 * PIECE and LCSseq.similarity(short, long) < SPLIT_FLOOR * len(short):
        return sim, sim
    return sim, max(sim, containment(short, long, t.ngram, t.containment))


def _ordered(a: str, b: str) -> tuple[str, str]:
    """The shorter text first; of two as long, the smaller: the scores are not symmetric, and
    the clusters must not depend on which of two records came first in the input."""
    return (a, b) if (len(a), a) <= (len(b), b) else (b, a)


_NUMBER = regex.compile(r"[0-9]+")
#: a jump line's page (``上接第1版``, ``下转第4版``): where the story goes on, not one of its figures
_JUMP = regex.compile(r"(?:上接|下转|下接|转|接|续)第?[0-9]{1,3}版")


def _numbers(a: str, b: str) -> tuple[list[str], list[str]]:
    """The figures of the shorter text (:func:`_ordered`) and of the other, jump lines left out."""
    a, b = _ordered(a, b)
    return _NUMBER.findall(_JUMP.sub("", a)), _NUMBER.findall(_JUMP.sub("", b))


def same_numbers(a: str, b: str) -> bool:
    """False when both texts carry figures and most of the shorter one's (by digits) are not the
    other's: notices and briefs from one template that differ in the amount, the date or the
    route (投入资金73万元 / 24.9万元, 开通49路 / 41路) are different news. A copy cut short keeps its
    original's figures (four in five, by digits); one of four digits or more may differ by an OCR
    error; and the digits
    in a row may match instead, but for an OCR error or so (a number cut in two by a column break).

    >>> same_numbers("截至目前已累计投入资金73万元", "截至目前已累计投入资金24.9万元")
    False
    >>> same_numbers("全市2386名运动员参赛", "全市2886名运动员参赛"), same_numbers("春耕", "春耕2天")
    (True, True)
    >>> same_numbers("3月5日新增就业1286人", "3月5日新增就业1286人其中返乡3人"), same_numbers("开通49路公交", "开通41路公交")
    (True, False)
    >>> same_numbers("3月5日新增就业1286人", "3月5日新增就业2417人")
    False
    """
    short, long = _numbers(a, b)
    if not (short and long):
        return True
    known = set(long)
    found = total = 0
    for n in short:
        total += len(n)
        if n in known or (len(n) >= 4 and any(
            abs(len(m) - len(n)) <= 1 and Levenshtein.distance(n, m, score_cutoff=1) <= 1 for m in known
        )):
            found += len(n)
    if found >= 0.8 * total:
        return True
    # a number a column break or a jump line cut in two (``4779`` / ``4 79``): the digits in a row
    da, db = "".join(short), "".join(long)
    return fuzz.partial_ratio(da, db) >= 80


def same_figures(a: str, b: str) -> bool:
    """False when the shorter text is dense with figures (:data:`MIN_FIGURES` numbers or more,
    :data:`FIGURES_PER_100` in a hundred characters or more) and fewer than four in five of its
    numbers, counted with their repeats, are numbers of the other, and its digits in a row are
    not the other's either. Daily reports from one template (weather, market figures) are 80–90 %
    alike as texts, and their figures are what differs: a weather report's twenty temperatures
    share a third or so with the next day's, most small ones by chance, which :func:`same_numbers`
    (texts under :attr:`Thresholds.numbers_chars`) counts once each and longer texts skipped. A
    reprint keeps its figures but for an OCR error or two; a cut copy keeps its share of them.
    (Prose with fewer figures is not judged by them: on the reprint benches that cost copies
    whose digits the OCR or a column break damaged, and saved no different story.)

    >>> a = "太原1到14大同4到14朔州4到12临汾3到8运城2到16"
    >>> same_figures(a, "太原1到12大同1到14朔州2到15临汾3到10运城4到13")
    False
    >>> same_figures(a, a + "长治0到14"), same_figures(a, "太原1到14大同4到14朔州4到12临汾3到8运城2到18")
    (True, True)
    """
    short, long = _numbers(a, b)
    if len(short) < MIN_FIGURES or len(short) < FIGURES_PER_100 * min(len(a), len(b)) / 100:
        return True
    left = Counter(long)
    found = 0
    for n in short:
        if left[n] > 0:
            left[n] -= 1
            found += 1
        elif len(n) >= 4 and any(  # one digit an OCR error
            c > 0 and abs(len(m) - len(n)) <= 1 and Levenshtein.distance(n, m, score_cutoff=1) <= 1 for m, c in left.items()
        ):
            found += 1
    # ... or the digits in a row agree (numbers a column break cut, or an OCR error glued)
    return found >= 0.8 * len(short) or fuzz.partial_ratio("".join(short), "".join(long)) >= 90


#: a long text with fewer numbers than this is not judged by them (:func:`same_figures`)
MIN_FIGURES = 10
#: ... nor one with fewer in a hundred characters than this (tables of figures in prose form)
FIGURES_PER_100 = 8


def filled_slots(a: str, b: str) -> int:
    """How many places two texts of about one length say different words in (a run of two Han
    characters or more replaced by another such run): a template's slots filled for other news
    (``清徐县召开安全生产工作推进会`` / ``阳曲县召开森林防火工作推进会``: ``清徐``/``阳曲``, ``安全生产``/``森林防火``
    twice). OCR noise replaces a character here and there, rarely two in a row.

    >>> filled_slots("清徐县召开安全生产工作推进会部署全县安全生产工作", "阳曲县召开森林防火工作推进会部署全县森林防火工作")
    3
    >>> filled_slots("清徐县召开安全生产工作推进会", "清徐县召开安仝生产工作推进会")
    0
    """
    n = 0
    tag: str  # (rapidfuzz's stub types an Opcode's items as int | str)
    i1: int
    i2: int
    j1: int
    j2: int
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(a, b):  # type: ignore[assignment]
        if tag == "replace" and i2 - i1 >= 2 and j2 - j1 >= 2 and _HAN_RUN.fullmatch(a, i1, i2) and _HAN_RUN.fullmatch(b, j1, j2):
            n += 1
    return n


_HAN_RUN = regex.compile(r"\p{Han}+")
#: two texts of about one length (:data:`SAME_LENGTH`) with this many filled slots are two news
#: from one template, however alike the rest (:func:`filled_slots`)
MAX_FILLED_SLOTS = 3


def is_duplicate(sim: float, cont: float, shorter: int, t: Thresholds) -> bool:
    if shorter < t.min_chars:
        return sim >= max(t.threshold, t.short_threshold)
    return sim >= t.threshold or cont >= t.containment


def verify(pairs: np.ndarray, texts: Sequence[str], t: Thresholds) -> list[tuple[int, int, float, float]]:
    """The pairs that pass, as ``(i, j, similarity, containment)``, in input order."""
    out = []
    for i, j in pairs.tolist():
        a, b = texts[i], texts[j]
        if not a or not b:
            continue
        sim, cont = score_pair(a, b, t)
        shorter = min(len(a), len(b))
        if (
            is_duplicate(sim, cont, shorter, t) and (shorter >= t.numbers_chars or same_numbers(a, b)) and same_figures(a, b)
            and (sim < t.threshold or shorter < SAME_LENGTH * max(len(a), len(b)) or filled_slots(a, b) < MAX_FILLED_SLOTS)
        ):
            out.append((i, j, sim, cont))
    return out


class UnionFind:
    """Disjoint sets over ``0..n-1``; the root of a set is its smallest member, so the result
    does not depend on the order in which edges arrive."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


#: two texts this close in length (the shorter over the longer) and similar are copies of one
#: text; any other verified pair is one text found in a longer one (a cut copy, a boilerplate)
SAME_LENGTH = 0.8
#: a text found in texts of more clusters of copies than this joins only its best match
HUB_CLUSTERS = 3


@dataclass
class Clusters:
    """Per document: ``cluster`` (0.. in order of first appearance), ``rep`` (the document kept
    for the cluster), ``similarity``/``containment`` against ``rep`` (None for a representative)."""

    cluster: list[int]
    rep: list[int]
    similarity: list[float | None]
    containment: list[float | None]

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i, c in enumerate(self.cluster):
            out.setdefault(c, []).append(i)
        return list(out.values())


def build_clusters(
    n: int, edges: Sequence[tuple[int, int, float, float]], texts: Sequence[str], t: Thresholds, keep: str = "first"
) -> Clusters:
    """Union-find over verified edges; the representative is the first member or, with
    ``keep="longest"``, the longest normalised text (ties: the first)."""
    uf = UnionFind(n)
    contained: dict[int, list[tuple[float, int]]] = {}  # shorter text -> (score, longer text)
    for i, j, s, c in edges:
        (ls, _, short), (ll, _, long) = sorted(((len(texts[i]), texts[i], i), (len(texts[j]), texts[j], j)))
        if ls < t.min_chars or (s >= t.threshold and ls >= SAME_LENGTH * ll):
            uf.union(i, j)  # copies of one text
        else:  # one text found in a longer one
            contained.setdefault(short, []).append((max(s, c), long))
    # A text found in texts of a few clusters joins them (a cut copy links its reprints). A text
    # found in texts of many is what they share, not what they are (a boilerplate paragraph
    # under every story, a brief that is mostly that paragraph): it joins only its best match,
    # so it does not chain unrelated stories into one cluster. Many is counted twice: against
    # the clusters of copies, then against what the other texts joined (the variants of one
    # much-reprinted story link each other, unrelated stories stay apart). Nothing here depends
    # on the order of the edges.
    by_root: dict[int, list[tuple[float, int, int]]] = {}
    for short, within in contained.items():
        by_root.setdefault(uf.find(short), []).extend((score, -long, short) for score, long in within)
    many = {root for root, found in by_root.items() if len({uf.find(-x[1]) for x in found}) > HUB_CLUSTERS}
    joined = UnionFind(n)
    joined.parent = list(uf.parent)
    for root, found in by_root.items():
        if root not in many:
            for _, neg, short in found:
                joined.union(short, -neg)
    for root, found in sorted(by_root.items()):
        if root in many and len({joined.find(-x[1]) for x in found}) > HUB_CLUSTERS:
            found = [max(found)]
        for _, neg, short in found:
            uf.union(short, -neg)
    roots = [uf.find(i) for i in range(n)]
    members: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        members.setdefault(r, []).append(i)
    cluster_no = {r: k for k, r in enumerate(sorted(members))}
    rep_of: dict[int, int] = {}
    for r, ms in members.items():
        rep_of[r] = max(ms, key=lambda i: (len(texts[i]), -i)) if keep == "longest" else ms[0]
    best = {(i, j): (s, c) for i, j, s, c in edges}
    sim: list[float | None] = [None] * n
    cont: list[float | None] = [None] * n
    for i in range(n):
        r = rep_of[roots[i]]
        if i == r:
            continue
        pair = (min(i, r), max(i, r))
        if pair in best:
            s, c = best[pair]
        else:  # joined through another member: score it against the representative now
            s, c = score_pair(texts[i], texts[r], t)
        sim[i], cont[i] = round(s, 4), round(c, 4)
    return Clusters([cluster_no[r] for r in roots], [rep_of[r] for r in roots], sim, cont)
